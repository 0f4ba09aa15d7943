/** Context given to every migration, so that migrations stay pure. */
export interface MigrationContext {
  /** The instant of the upgrade, for timestamps the old data lacked. */
  now: string;
}

/** One step of the schema: turns the data of `version - 1` into the data of `version`. */
export interface Migration {
  version: number;
  name: string;
  up(data: unknown, ctx: MigrationContext): unknown;
}
