/**
 * The Calendar API's minute quotas (quota guide: 600 queries per minute per user per project and
 * 10,000 per minute per project), each a sliding one-minute window of the emulator's clock. Off
 * unless the switches `userRateLimitPerMinute` and `projectRateLimitPerMinute` set a limit. Only
 * calls let through count.
 */
export class MinuteQuotas {
  /** Per key (a user, or the project), the times of its calls in the last minute, oldest first. */
  private readonly recent = new Map<string, { times: number[]; head: number }>();

  /**
   * Which quota a call would exceed ('user' or 'project', the user's checked first), else
   * undefined, and then the call is counted against both. A limit of 0 is no limit.
   */
  take(
    user: string,
    nowMs: number,
    limits: { perUser: number; perProject: number },
  ): 'user' | 'project' | undefined {
    if (limits.perUser > 0 && this.used(`user:${user}`, nowMs) >= limits.perUser) return 'user';
    if (limits.perProject > 0 && this.used('project', nowMs) >= limits.perProject) return 'project';
    if (limits.perUser > 0) this.count(`user:${user}`, nowMs);
    if (limits.perProject > 0) this.count('project', nowMs);
    return undefined;
  }

  clear(): void {
    this.recent.clear();
  }

  private used(key: string, nowMs: number): number {
    const entry = this.recent.get(key);
    if (!entry) return 0;
    while (entry.head < entry.times.length && entry.times[entry.head]! <= nowMs - 60_000)
      entry.head += 1;
    if (entry.head > 1024 && entry.head * 2 > entry.times.length) {
      entry.times = entry.times.slice(entry.head);
      entry.head = 0;
    }
    return entry.times.length - entry.head;
  }

  private count(key: string, nowMs: number): void {
    let entry = this.recent.get(key);
    if (!entry) this.recent.set(key, (entry = { times: [], head: 0 }));
    entry.times.push(nowMs);
  }
}
