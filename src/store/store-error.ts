import { ZoomlinkError } from '../errors.js';

/**
 * Stable codes of the store's own errors (each listed in the README's troubleshooting table).
 * SQLite's own failures that an operator can act on (busy, disk full, read-only, corrupt) are
 * translated into these at the store's edge; anything else is a bug and passes through.
 */
export type StoreErrorCode =
  | 'STORE_OPEN_FAILED'
  | 'STORE_NOT_A_DATABASE'
  | 'STORE_SCHEMA_TOO_NEW'
  | 'STORE_MIGRATION_FAILED'
  | 'STORE_CLOSED'
  | 'STORE_BUSY'
  | 'STORE_DISK_FULL'
  | 'STORE_READ_ONLY'
  | 'STORE_CORRUPT'
  | 'STORE_CONSTRAINT'
  | 'STORE_INVALID_TIME'
  | 'STORE_NOT_FOUND'
  | 'STORE_INTENT_CONFLICT'
  | 'STORE_ASYNC_TRANSACTION';

export class StoreError extends ZoomlinkError {
  declare readonly code: StoreErrorCode;

  constructor(
    code: StoreErrorCode,
    message: string,
    options: { retryable?: boolean; cause?: unknown } = {},
  ) {
    super(code, message, options);
  }
}

/** A row the caller named by key is not there: a caller's bug, said with what to do instead. */
export function notFound(what: string, hint: string): StoreError {
  return new StoreError('STORE_NOT_FOUND', `no ${what} in the store; ${hint}`);
}

/** For updates of one row by key: no row changed means the key is unknown. */
export function assertChanged(changes: number, what: string, hint: string): void {
  if (changes === 0) throw notFound(what, hint);
}
