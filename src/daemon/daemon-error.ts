import { ZoomlinkError } from '../errors.js';

/** Stable codes of the daemon's own errors (each in the README's troubleshooting table). */
export type DaemonErrorCode =
  | 'DAEMON_ALREADY_RUNNING'
  | 'DAEMON_LOCK_FAILED'
  | 'DAEMON_SERVER_UNPROTECTED'
  | 'DAEMON_PORT_IN_USE'
  | 'DAEMON_LISTEN_FAILED';

export class DaemonError extends ZoomlinkError {
  declare readonly code: DaemonErrorCode;

  constructor(code: DaemonErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, options);
  }
}
