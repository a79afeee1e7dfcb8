import type { ApiObserver } from '../domain/api-observer.js';
import type { HostQuotaPort, ParkedHost } from '../domain/ports.js';
import { guarded } from '../util/guarded.js';
import { DailyQuotaLedger } from './daily-quota.js';
import { rateLimitRemaining } from './error-mapping.js';
import { ZoomApiError, ZoomQuotaExhaustedError } from './errors.js';
import type { ZoomResponse } from './http.js';
import type { ZoomLogger } from './transport.js';

export interface HostBudgetsOptions {
  dailyLimit: number;
  now: () => Date;
  /** Where the budgets live (the store's `hosts` in the daemon); in memory when absent. */
  hosts?: HostQuotaPort;
  observer?: ApiObserver;
  logger?: ZoomLogger;
}

interface Call {
  operation: string;
  endpoint: string;
}

/**
 * Charges creates and updates to their host's daily budget (see `daily-quota.ts`): a parked host
 * is refused locally with `ZOOM_QUOTA_EXHAUSTED`; otherwise the call goes out and the budget
 * follows Zoom's `X-RateLimit-Remaining`, and Zoom's daily-limit 429 parks the host, in the one
 * model the engine reads too (`HostQuotaPort`). Every change is reported to the observer
 * (metrics).
 */
export class HostBudgets {
  private readonly ledger: DailyQuotaLedger;
  private readonly observer: ApiObserver;

  constructor(private readonly options: HostBudgetsOptions) {
    this.ledger = new DailyQuotaLedger(options.dailyLimit, options.hosts);
    this.observer = guarded(options.observer ?? {});
  }

  /**
   * Sends `send` for `host`. When the host is not known (an update of a meeting not seen yet) the
   * call goes out uncharged, and `findHost` names the host to park if Zoom says the day is spent.
   */
  async charge<T>(
    host: string | undefined,
    call: Call,
    send: () => Promise<ZoomResponse<T>>,
    findHost?: () => Promise<string | undefined>,
  ): Promise<ZoomResponse<T>> {
    if (host) {
      const until = this.ledger.parkedUntil(host, this.options.now());
      if (until) throw new ZoomQuotaExhaustedError(host, until, call);
    }
    let response: ZoomResponse<T>;
    try {
      response = await send();
    } catch (error) {
      throw await this.afterFailure(error, host, call, findHost);
    }
    if (host) {
      const left = this.ledger.recordAccepted(
        host,
        rateLimitRemaining(response.headers),
        this.options.now(),
      );
      this.report(host, left.remaining, left.parkedUntil);
    }
    return response;
  }

  park(host: string, until: Date): void {
    const now = this.options.now();
    if (until.getTime() <= now.getTime()) return;
    this.ledger.park(host, until, now);
    this.report(host, 0, this.ledger.parkedUntil(host, now));
  }

  parked(): ParkedHost[] {
    return this.ledger.parked(this.options.now());
  }

  remaining(host: string): number {
    return this.ledger.remaining(host, this.options.now());
  }

  /** The error to raise for a failed create/update, after booking what Zoom said of the budget. */
  private async afterFailure(
    error: unknown,
    host: string | undefined,
    call: Call,
    findHost: (() => Promise<string | undefined>) | undefined,
  ): Promise<unknown> {
    if (!(error instanceof ZoomApiError)) return error;
    const resetsAt = error.dailyLimitResetsAt;
    if (!resetsAt) {
      // A refused create may still have spent budget; Zoom's header says what is left.
      if (host && error.rateLimitRemaining !== undefined) {
        const left = this.ledger.recordRemaining(
          host,
          error.rateLimitRemaining,
          this.options.now(),
        );
        this.report(host, left.remaining, left.parkedUntil);
      }
      return error;
    }
    const spent = host ?? (await findHost?.().catch(() => undefined));
    if (!spent) return error;
    this.ledger.park(spent, resetsAt, this.options.now());
    this.report(spent, 0, resetsAt);
    return new ZoomQuotaExhaustedError(spent, resetsAt, call);
  }

  private report(host: string, remaining: number, parkedUntil: Date | undefined): void {
    this.observer.quota?.({
      service: 'zoom',
      host,
      remaining,
      ...(parkedUntil ? { parkedUntil } : {}),
    });
    if (parkedUntil) {
      this.options.logger?.warn('zoom host parked: daily create/update budget spent', {
        host,
        until: parkedUntil.toISOString(),
      });
    }
  }
}
