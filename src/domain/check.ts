/**
 * One line of `zoomlink doctor`: something zoomlink needs, checked. Each layer that can check
 * its own part (the configuration, the database and the daemon, Google, Zoom) returns these; the
 * command only runs them and prints them.
 */
export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface Check {
  /** What was checked, e.g. `zoom token`; several checks may share a name (one per room). */
  name: string;
  status: CheckStatus;
  /** What was found. */
  detail: string;
  /** For a warning or a failure: what to do, one step a line. */
  fix?: string;
}
