/**
 * The root of every error zoomlink raises on purpose. `code` is stable (documented in the README's
 * troubleshooting table and safe to alert on); `message` says what was wrong and what to do.
 * `retryable` tells the caller whether the same call may succeed later without a human.
 */
export class ZoomlinkError extends Error {
  readonly code: string;
  readonly retryable: boolean;

  constructor(
    code: string,
    message: string,
    options: { retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

export function isZoomlinkError(error: unknown): error is ZoomlinkError {
  return error instanceof ZoomlinkError;
}

/** A short, log-safe description of anything thrown. */
export function describeError(error: unknown): string {
  if (error instanceof ZoomlinkError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
}
