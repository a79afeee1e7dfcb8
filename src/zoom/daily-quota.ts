/**
 * The per-host daily budget of meeting create/update requests. Zoom allows each meeting host 100
 * creates and updates per day, counted against the host and reset at 00:00 UTC (Zoom OpenAPI
 * `meetingCreate`/`meetingUpdate` descriptions; devforum 19474, 39617). Past it Zoom answers 429
 * until midnight, so a host whose budget is spent is "parked": its creates and updates fail
 * locally with the reset time instead of costing a 429 each.
 *
 * Pure bookkeeping: every method takes `now`; the client feeds it what Zoom said.
 */

/** The next 00:00 UTC strictly after `now`. */
export function nextUtcMidnight(now: Date): Date {
  return new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 0, 0, 0, 0),
  );
}

function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Hosts are emails or user ids; Zoom treats emails case-insensitively. */
export function hostKey(host: string): string {
  return host.trim().toLowerCase();
}

interface HostBudget {
  /** The UTC day `remaining` belongs to. */
  day: string;
  remaining: number;
  parkedUntil?: Date;
}

export interface ParkedHost {
  host: string;
  until: Date;
}

export class DailyQuotaLedger {
  private readonly hosts = new Map<string, HostBudget & { name: string }>();

  /** @param dailyLimit the budget each host starts a UTC day with (config `dailyCreateUpdateLimit`). */
  constructor(private readonly dailyLimit: number) {}

  /** When the host may be called again, if it is parked at `now`. */
  parkedUntil(host: string, now: Date): Date | undefined {
    const until = this.hosts.get(hostKey(host))?.parkedUntil;
    return until && until.getTime() > now.getTime() ? until : undefined;
  }

  /** Parks a host (a daily-limit 429, or a state the engine persisted before a restart). */
  park(host: string, until: Date, now: Date): void {
    const budget = this.current(host, now);
    budget.remaining = 0;
    if (!budget.parkedUntil || budget.parkedUntil.getTime() < until.getTime()) {
      budget.parkedUntil = until;
    }
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
    const counted = remainingHeader ?? this.current(host, now).remaining - 1;
    return this.recordRemaining(host, counted, now);
  }

  /** Takes what Zoom says is left (also on a refused call, which may spend budget too). */
  recordRemaining(
    host: string,
    remaining: number,
    now: Date,
  ): { remaining: number; parkedUntil?: Date } {
    const budget = this.current(host, now);
    budget.remaining = Number.isFinite(remaining) ? Math.max(0, Math.floor(remaining)) : 0;
    if (budget.remaining > 0) return { remaining: budget.remaining };
    this.park(host, nextUtcMidnight(now), now);
    return { remaining: 0, parkedUntil: budget.parkedUntil! };
  }

  /** What is left today, as far as we know (the full limit for a host not seen today). */
  remaining(host: string, now: Date): number {
    return this.current(host, now).remaining;
  }

  /** Hosts parked at `now`, in the spelling they were first seen in. */
  parked(now: Date): ParkedHost[] {
    const out: ParkedHost[] = [];
    for (const budget of this.hosts.values()) {
      if (budget.parkedUntil && budget.parkedUntil.getTime() > now.getTime()) {
        out.push({ host: budget.name, until: budget.parkedUntil });
      }
    }
    return out.sort((a, b) => a.host.localeCompare(b.host));
  }

  /** The host's budget for today; a new UTC day starts full (a park that outlives it is kept). */
  private current(host: string, now: Date): HostBudget & { name: string } {
    const key = hostKey(host);
    const today = utcDay(now);
    let budget = this.hosts.get(key);
    if (!budget) {
      budget = { name: host.trim(), day: today, remaining: this.dailyLimit };
      this.hosts.set(key, budget);
    } else if (budget.day !== today) {
      budget.day = today;
      const stillParked =
        budget.parkedUntil !== undefined && budget.parkedUntil.getTime() > now.getTime();
      budget.remaining = stillParked ? 0 : this.dailyLimit;
      if (!stillParked) delete budget.parkedUntil;
    }
    return budget;
  }
}
