import {
  RateLimiter,
  RateLimiterGroup,
  perMinuteQuota,
  type RateLimiterOptions,
  type RateLimiterStatus,
} from '../util/rate-limiter.js';
import type { RequestLimiter } from '../util/upstream.js';

/**
 * The Calendar API's quotas (https://developers.google.com/workspace/calendar/api/guides/quota):
 * requests per minute per project, and per minute per user per project — with domain-wide
 * delegation, per impersonated user (the admin subject who reads the rooms, each organizer whose
 * copy is written). Both are sliding one-minute windows; a limiter per user and one for the
 * project keep zoomlink under them.
 */
export class GoogleRateLimits {
  private readonly project: RateLimiter;
  private readonly users: RateLimiterGroup;

  constructor(
    quotas: { perUserPerMinute: number; perProjectPerMinute: number },
    options: Pick<RateLimiterOptions, 'clock' | 'sleep'> = {},
  ) {
    this.project = new RateLimiter({
      ...perMinuteQuota('google.project', quotas.perProjectPerMinute),
      ...options,
    });
    this.users = new RateLimiterGroup({
      ...perMinuteQuota('google.user', quotas.perUserPerMinute),
      ...options,
    });
  }

  /** The user's limiter first (scope `user`), then the project's (scope `project`). */
  forSubject(subject: string): RequestLimiter[] {
    return [
      { scope: 'user', limiter: this.users.for(subject) },
      { scope: 'project', limiter: this.project },
    ];
  }

  /** The project's limiter, and the users' as one line (with how many users it holds). */
  statuses(): RateLimiterStatus[] {
    return [this.project.status(), this.users.summary()];
  }

  /** Each user's limiter (benchmarks: the busiest user's share of the quota). */
  userStatuses(): RateLimiterStatus[] {
    return this.users.statuses();
  }
}

/**
 * Which of a request's limiters a rate-limit answer slows: Google's 403 `userRateLimitExceeded`
 * names the user's quota; a 403 or 429 `rateLimitExceeded` does not say which one was spent
 * (Calendar errors guide: "per calendar or per authenticated user", and the project quota answers
 * the same way), so both slow down.
 */
export function googleSlowDownScopes(status: number, reason: string): readonly string[] {
  if (status === 403 && reason === 'userRateLimitExceeded') return ['user'];
  return ['user', 'project'];
}
