/**
 * The one catalogue of error codes that cross the API. The renderer turns each code into a
 * translated sentence (`errors.<code>` in the i18n resources); `message` is the English detail.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'UNKNOWN_CHANNEL',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'PAYLOAD_TOO_LARGE',
  'DB_NEWER_VERSION',
  'DB_LOCKED',
  'DB_UNREADABLE',
  'IMPORT_FILE',
  /** The journal could not be written: the edit was refused and nothing changed. */
  'SAVE_FAILED',
  /** The edit would break a rule that holds the plan together (a reference, a loop); refused. */
  'INVARIANT',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
}

/** An error a service raises on purpose; anything else becomes INTERNAL. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type Result<T> = { data: T } | { error: ApiErrorBody };

export const isErrorCode = (v: unknown): v is ErrorCode =>
  typeof v === 'string' && (ERROR_CODES as readonly string[]).includes(v);
