import type { HostQuotaPort, ParkedHost } from '../domain/ports.js';
import { nextUtcMidnight, utcDay } from '../util/utc-day.js';
import { MemoryHostQuota } from './memory-host-quota.js';

/**
 * The per-host daily budget of meeting create/update requests. Zoom allows each meeting host 100
 * creates and updates per day, counted against the host and reset at 00:00 UTC (Zoom OpenAPI
 * `meetingCreate`/`meetingUpdate` descriptions; devforum 19474, 39617). Past it Zoom answers 429
 * until midnight, so a host whose budget is spent is "parked": its creates and updates fail
 * locally with the reset time instead of costing a 429 each.
 *
 * Zoom's rules over the one model of `HostQuotaPort` (`src/domain/ports.ts`): the state lives
 * there (the store in the daemon, so that the engine reads the same parking and a restart keeps
 * it); every method takes `now`, and the client feeds it what Zoom said.
 */
export class DailyQuotaLedger {
  /** @param dailyLimit the budget each host starts a UTC day with (config `dailyCreateUpdateLimit`). */
  constructor(
    private readonly dailyLimit: number,
    private readonly hosts: HostQuotaPort = new MemoryHostQuota(),
  ) {}

  /** When the host may be called again, if it is parked at `now`. */
  parkedUntil(host: string, now: Date): Date | undefined {
    return this.hosts.parkedUntil(host, now);
  }

  /** Parks a host (a daily-limit 429, or `parkHost`); a longer park in place is kept. */
  park(host: string, until: Date, now: Date): void {
    const current = this.hosts.parkedUntil(host, now);
    if (!current || current.getTime() < until.getTime()) this.hosts.park(host, until);
    this.hosts.recordQuota(host, 0, now);
  }

  /**
   * Records one create/update that Zoom accepted. `remainingHeader` is Zoom's
   * `X-RateLimit-Remaining` on that answer when it sent one; without it the budget is counted
   * down locally. Returns what is left and, when that is nothing, until when the host is parked.
   */
  recordAccepted(
    host: string,
    remainingHeader: number | undefined,
    now: Date,
  ): { remaining: number; parkedUntil?: Date } {
    const counted = remainingHeader ?? this.remaining(host, now) - 1;
    return this.recordRemaining(host, counted, now);
  }

  /** Takes what Zoom says is left (also on a refused call, which may spend budget too). */
  recordRemaining(
    host: string,
    remaining: number,
    now: Date,
  ): { remaining: number; parkedUntil?: Date } {
    const left = Number.isFinite(remaining) ? Math.max(0, Math.floor(remaining)) : 0;
    if (left > 0) {
      this.hosts.recordQuota(host, left, now);
      return { remaining: left };
    }
    this.park(host, nextUtcMidnight(now), now);
    return { remaining: 0, parkedUntil: this.hosts.parkedUntil(host, now)! };
  }

  /**
   * What is left at `now`, as far as we know: nothing while parked, what was last recorded today,
   * the full limit on a UTC day nothing was recorded yet.
   */
  remaining(host: string, now: Date): number {
    if (this.hosts.parkedUntil(host, now)) return 0;
    const last = this.hosts.lastQuota(host);
    return last && utcDay(last.at) === utcDay(now) ? last.remaining : this.dailyLimit;
  }

  /** Hosts parked at `now`, soonest back first, in the spelling they were first recorded in. */
  parked(now: Date): ParkedHost[] {
    return this.hosts.parkedHosts(now);
  }
}
