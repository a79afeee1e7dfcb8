import {
  RateLimiter,
  type RateLimiterOptions,
  type RateLimiterStatus,
} from '../util/rate-limiter.js';
import type { RequestLimiter } from '../util/upstream.js';

/**
 * Zoom's per-second API rate limits, for the account (shared by every app and host of it), per
 * rate-limit label, by plan (Zoom's "Rate limits" page,
 * https://developers.zoom.us/docs/api/rate-limits/): the meeting endpoints zoomlink calls are
 * labelled Medium (create, list) or Light (get, update, delete, status, invitation).
 */
export type ZoomPlan = 'free' | 'pro' | 'business';
export type ZoomRateLabel = 'Light' | 'Medium';

export const zoomPerSecondLimits: Record<ZoomPlan, Record<ZoomRateLabel, number>> = {
  free: { Light: 4, Medium: 2 },
  pro: { Light: 30, Medium: 20 },
  business: { Light: 80, Medium: 60 },
};

const mediumOperations = new Set(['meetings.create', 'meetings.list']);

export function zoomRateLabel(operation: string): ZoomRateLabel {
  return mediumOperations.has(operation) ? 'Medium' : 'Light';
}

/** One limiter per label for the account's plan. */
export class ZoomRateLimits {
  private readonly byLabel: Record<ZoomRateLabel, RateLimiter>;

  constructor(
    readonly plan: ZoomPlan,
    options: Pick<RateLimiterOptions, 'clock' | 'sleep'> = {},
  ) {
    // Zoom counts calls per second: spaced at the plan's rate, and never more than the plan's
    // count in any second — also when a busy event loop wakes several waiting calls at once (a
    // per-second 429 rests every Zoom call for a second, Retry-After).
    const limiter = (label: ZoomRateLabel) => {
      const perSecond = zoomPerSecondLimits[plan][label];
      return new RateLimiter({
        name: `zoom.${label}`,
        ratePerSecond: perSecond,
        window: { limit: perSecond, ms: 1000 },
        recoverMs: 10_000,
        ...options,
      });
    };
    this.byLabel = { Light: limiter('Light'), Medium: limiter('Medium') };
  }

  /** The limiter a call of `operation` passes (its scope is `label`: a QPS 429 slows it). */
  forOperation(operation: string): RequestLimiter[] {
    return [{ scope: 'label', limiter: this.byLabel[zoomRateLabel(operation)] }];
  }

  statuses(): RateLimiterStatus[] {
    return [this.byLabel.Light.status(), this.byLabel.Medium.status()];
  }
}
