import type { Reply } from '../kit/index.js';
import type { ZoomSwitchValues } from './switches.js';
import { formatUtc, nextUtcMidnight, utcDay } from './wall-time.js';
import { QPS_MESSAGE } from './zoom-errors.js';

/** Rate limit labels of the endpoints zoomlink uses (SPEC; RL, the rate-limits page). */
export type RateLabel = 'Light' | 'Medium';

/**
 * 100 create/update requests per meeting host per day, reset 00:00 UTC (SPEC meetingCreate and
 * meetingUpdate; a Zoom staff answer in devforum thread 19474).
 */
export const DAILY_CREATE_UPDATE_LIMIT = 100;

/** The exact body Zoom sends (DF-18928, DF-129190). */
export const DAILY_LIMIT_MESSAGE = `You have exceeded the daily rate limit (${DAILY_CREATE_UPDATE_LIMIT}) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.`;

/** Per-second limits by plan and label (RL: developers.zoom.us/docs/commerce/rate-limits/). */
const PER_SECOND = {
  business: { Light: 80, Medium: 60 },
  pro: { Light: 30, Medium: 20 },
  free: { Light: 4, Medium: 2 },
} as const;

/** Daily account limits by label; only the Free plan has them for Light and Medium (RL). */
const ACCOUNT_DAILY = { free: { Light: 6000, Medium: 2000 } } as const;

export class RateLimits {
  private readonly hostDays = new Map<string, { day: string; used: number }>();
  private readonly accountDays = new Map<RateLabel, { day: string; used: number }>();
  private readonly seconds = new Map<RateLabel, { second: number; used: number }>();

  /** Create/update requests a host has left today. */
  hostRemaining(hostId: string, now: Date): number {
    const entry = this.hostDays.get(hostId);
    const used = entry && entry.day === utcDay(now) ? entry.used : 0;
    return Math.max(0, DAILY_CREATE_UPDATE_LIMIT - used);
  }

  spendHost(hostId: string, now: Date): void {
    const day = utcDay(now);
    const entry = this.hostDays.get(hostId);
    if (entry && entry.day === day) entry.used += 1;
    else this.hostDays.set(hostId, { day, used: 1 });
  }

  hostUsage(now: Date): Record<string, number> {
    const day = utcDay(now);
    const out: Record<string, number> = {};
    for (const [host, entry] of this.hostDays) if (entry.day === day) out[host] = entry.used;
    return out;
  }

  /**
   * Counts one call against the account's per-second and daily label limits; a 429 reply when
   * one is spent. Both apply only when the switches say so.
   */
  takeAccount(label: RateLabel, now: Date, switches: ZoomSwitchValues): Reply | undefined {
    const plan = switches.accountPlan;
    if (switches.perSecondLimits) {
      const second = Math.floor(now.getTime() / 1000);
      const entry = this.seconds.get(label);
      const used = entry && entry.second === second ? entry.used : 0;
      if (used >= PER_SECOND[plan][label])
        return {
          status: 429,
          // For QPS 429s the Retry-After format is UNCONFIRMED (undocumented); seconds are sent.
          headers: { 'X-RateLimit-Category': label, 'X-RateLimit-Type': 'QPS', 'Retry-After': '1' },
          body: { code: 429, message: QPS_MESSAGE },
        };
      this.seconds.set(label, { second, used: used + 1 });
    }
    if (plan === 'free') {
      const day = utcDay(now);
      const entry = this.accountDays.get(label);
      const used = entry && entry.day === day ? entry.used : 0;
      const limit = ACCOUNT_DAILY.free[label];
      if (used >= limit)
        return dailyReply(
          label,
          limit,
          now,
          `You have reached the maximum daily rate limit for this API. Try again later.`,
        );
      this.accountDays.set(label, { day, used: used + 1 });
    }
    return undefined;
  }

  /** The `X-RateLimit-*` headers of an ordinary answer (observed: DF-18928, DF-59670). */
  headers(
    label: RateLabel,
    now: Date,
    switches: ZoomSwitchValues,
    hostId?: string,
  ): Record<string, string> {
    const headers: Record<string, string> = { 'X-RateLimit-Category': label };
    if (hostId !== undefined) {
      headers['X-RateLimit-Limit'] = String(DAILY_CREATE_UPDATE_LIMIT);
      headers['X-RateLimit-Remaining'] = String(this.hostRemaining(hostId, now));
    } else if (switches.accountPlan === 'free') {
      const entry = this.accountDays.get(label);
      const used = entry && entry.day === utcDay(now) ? entry.used : 0;
      headers['X-RateLimit-Limit'] = String(ACCOUNT_DAILY.free[label]);
      headers['X-RateLimit-Remaining'] = String(Math.max(0, ACCOUNT_DAILY.free[label] - used));
    }
    return headers;
  }

  clear(): void {
    this.hostDays.clear();
    this.accountDays.clear();
    this.seconds.clear();
  }
}

/** The 429 of the per-host daily create/update limit, with `Retry-After` as an ISO instant. */
export function hostDailyLimitReply(label: RateLabel, now: Date): Reply {
  return dailyReply(label, DAILY_CREATE_UPDATE_LIMIT, now, DAILY_LIMIT_MESSAGE);
}

function dailyReply(label: RateLabel, limit: number, now: Date, message: string): Reply {
  return {
    status: 429,
    headers: {
      'X-RateLimit-Category': label,
      'X-RateLimit-Type': 'Daily-limit',
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Remaining': '0',
      'Retry-After': formatUtc(nextUtcMidnight(now).getTime()),
    },
    body: { code: 429, message },
  };
}
