import { createHmac } from 'node:crypto';
import type { Clock } from '../kit/index.js';
import { opaqueToken } from './ids.js';
import type { ZoomSwitchValues } from './switches.js';

/**
 * Zoom's event notifications (developers.zoom.us/docs/api/webhooks/): the app's event
 * subscription names a URL and holds a Secret Token; every notification is a POST with a JSON
 * body `{event, event_ts, payload: {account_id, operator, operator_id, object, old_object?}}`,
 * `x-zm-request-timestamp` (epoch seconds) and `x-zm-signature: v0=<hex HMAC-SHA256 of
 * "v0:{timestamp}:{body}">`; saving the URL sends `endpoint.url_validation` with a `plainToken`,
 * to be answered with `{plainToken, encryptedToken: hex HMAC-SHA256(secret, plainToken)}` within
 * 3 s. Written here from those documents, apart from zoomlink's own check (decision 8).
 *
 * Switches (README "Webhooks"): `webhookDelayMs` before each delivery, `webhookDropEvery` (every
 * n-th event is never sent; 1 = all), `webhookCopies` (each event sent that many times). Zoom
 * retries a delivery that was not answered 200/204 in 3 s; the emulator does not (a loss covers it).
 */
export interface WebhookDelivery {
  event: string;
  meetingId?: number;
  /** The answer's status, 0 for none (a refused connection), undefined while in flight. */
  status?: number;
  dropped?: boolean;
}

export interface WebhookSubscription {
  url: string;
  secretToken: string;
}

export class ZoomWebhooks {
  subscription: WebhookSubscription | undefined;
  readonly deliveries: WebhookDelivery[] = [];
  private sequence = 0;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly clock: Clock,
    private readonly accountId: () => string,
    private readonly switches: () => ZoomSwitchValues,
  ) {}

  clear(): void {
    this.subscription = undefined;
    this.deliveries.length = 0;
    this.sequence = 0;
  }

  /**
   * Saves the subscription and validates it as Zoom does: `endpoint.url_validation`, answered
   * correctly or the subscription is not saved.
   */
  async subscribe(
    subscription: WebhookSubscription,
  ): Promise<{ validated: boolean; status: number }> {
    const plainToken = opaqueToken(22);
    const { status, body } = await this.post(subscription, {
      event: 'endpoint.url_validation',
      payload: { plainToken },
      event_ts: this.clock.now().getTime(),
    });
    const expected = hmac(subscription.secretToken, plainToken);
    const answer = body as { plainToken?: unknown; encryptedToken?: unknown } | undefined;
    const validated =
      status === 200 && answer?.plainToken === plainToken && answer.encryptedToken === expected;
    if (validated) this.subscription = subscription;
    return { validated, status };
  }

  /** A meeting event, delivered by the switches' rules (not awaited by the API call). */
  notify(
    event: string,
    operator: { email: string; id: string },
    payload: Record<string, unknown>,
  ): void {
    const subscription = this.subscription;
    if (!subscription) return;
    const switches = this.switches();
    this.sequence += 1;
    const object = payload.object as { id?: number } | undefined;
    const body = {
      event,
      event_ts: this.clock.now().getTime(),
      payload: {
        account_id: this.accountId(),
        operator: operator.email,
        operator_id: operator.id,
        ...payload,
      },
    };
    const drop = switches.webhookDropEvery > 0 && this.sequence % switches.webhookDropEvery === 0;
    if (drop) {
      this.deliveries.push({ event, meetingId: object?.id, dropped: true });
      return;
    }
    for (let copy = 0; copy < switches.webhookCopies; copy += 1) {
      const delivery: WebhookDelivery = { event, meetingId: object?.id };
      this.deliveries.push(delivery);
      const sent = delay(switches.webhookDelayMs)
        .then(() => this.post(subscription, body))
        .then(({ status }) => {
          delivery.status = status;
        });
      this.inFlight.add(sent);
      void sent.finally(() => this.inFlight.delete(sent));
    }
  }

  /** Resolves when every delivery begun so far has been answered (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async post(
    subscription: WebhookSubscription,
    body: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const raw = JSON.stringify(body);
    const timestamp = String(Math.floor(this.clock.now().getTime() / 1000));
    try {
      const response = await fetch(subscription.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Zoom Marketplace/1.0a',
          'x-zm-request-timestamp': timestamp,
          'x-zm-signature': `v0=${hmac(subscription.secretToken, `v0:${timestamp}:${raw}`)}`,
        },
        body: raw,
        signal: AbortSignal.timeout(3000),
      });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      return { status: response.status, body: parsed };
    } catch {
      return { status: 0, body: undefined };
    }
  }
}

const hmac = (secret: string, message: string) =>
  createHmac('sha256', secret).update(message).digest('hex');

const delay = (ms: number) =>
  ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
