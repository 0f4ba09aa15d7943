/**
 * Channel names alone, with no schemas, so that the sandboxed preload can build its API without
 * bundling zod. `contract.ts` checks that it covers exactly these.
 */
export const CHANNELS = [
  'app:status',
  'store:status',
  'store:copy',
  'settings:get',
  'settings:update',
  'account:list',
  'account:get',
  'account:create',
  'account:rename',
  'account:update',
  'account:delete',
  'account:restore',
  'account:replace',
  'sample:load',
  'plan:apply',
  'pipeline:list',
  'pipeline:overdue',
  'portfolio:list',
  'excel:export',
  'excel:preview',
  'excel:apply',
  'excel:progress',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** The channels that change what is stored: each is one journaled store command. */
export const STORING_CHANNELS: readonly Channel[] = [
  'settings:update',
  'account:create',
  'account:rename',
  'account:update',
  'account:delete',
  'account:restore',
  'account:replace',
  'sample:load',
  'plan:apply',
  'excel:apply',
];

/** Main → renderer events. */
export const MENU_COMMANDS = [
  'undo',
  'redo',
  'newAccount',
  'goToAccounts',
  'toggleColorScheme',
  'toggleLanguage',
  'showAbout',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface EventPayloads {
  'menu:command': MenuCommand;
}
export type EventChannel = keyof EventPayloads;

/** Splits `domain:verb`. */
export function splitChannel(channel: string): [string, string] {
  const i = channel.indexOf(':');
  return [channel.slice(0, i), channel.slice(i + 1)];
}
