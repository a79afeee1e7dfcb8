/** Where the store reads the time for `created_at`/`updated_at`; tests pass a fixed one. */
export type Clock = () => Date;

export function stampNow(clock: Clock): string {
  return clock().toISOString();
}
