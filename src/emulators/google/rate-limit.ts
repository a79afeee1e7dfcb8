/**
 * "Queries per minute per user" (quota guide: 600 per user per project, a sliding one-minute
 * window). Off unless the `userRateLimitPerMinute` switch sets a limit.
 */
export class UserRateLimiter {
  private readonly recent = new Map<string, number[]>();

  /** Records a call; false when the user already made `limit` calls in the last minute. */
  allow(user: string, nowMs: number, limit: number): boolean {
    if (limit <= 0) return true;
    const windowStart = nowMs - 60_000;
    const calls = (this.recent.get(user) ?? []).filter((t) => t > windowStart);
    if (calls.length >= limit) {
      this.recent.set(user, calls);
      return false;
    }
    calls.push(nowMs);
    this.recent.set(user, calls);
    return true;
  }

  clear(): void {
    this.recent.clear();
  }
}
