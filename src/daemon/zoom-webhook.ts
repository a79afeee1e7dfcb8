import { describeError } from '../errors.js';
import type { Logger } from '../log.js';
import type { SyncEngine } from '../sync/index.js';
import type { InboundHandler } from './inbound.js';
import { urlValidationAnswer, verifyZoomSignature } from './zoom-signature.js';

/** What became of one call to `/webhooks/zoom` (the `result` label of its counter). */
export type ZoomWebhookResult =
  | 'not_configured'
  | 'missing'
  | 'bad_signature'
  | 'stale_timestamp'
  | 'malformed'
  | 'challenge'
  | 'meeting_event'
  | 'other_event'
  | 'stopping';

export interface ZoomWebhookOptions {
  secret: string;
  engine: Pick<SyncEngine, 'zoomChanged'>;
  logger: Logger;
  now: () => Date;
  record: (result: ZoomWebhookResult) => void;
  /** True once the daemon is stopping: events are then refused with 503 (Zoom sends them again). */
  stopping: () => boolean;
}

export interface ZoomWebhookEndpoint {
  handler: InboundHandler;
  /** Resolves when the checks that events started are done (the shutdown waits for them). */
  settled(): Promise<void>;
}

/** The events whose meeting is checked: a meeting deleted or changed in Zoom. */
const meetingEvents = new Set(['meeting.updated', 'meeting.deleted']);

/**
 * `/webhooks/zoom` (developers.zoom.us/docs/api/webhooks/): every call must be signed with the
 * app's Secret Token and no older than 5 minutes, or it is 401; the `endpoint.url_validation`
 * challenge is answered; `meeting.updated` and `meeting.deleted` are answered 200 at once (Zoom
 * wants an answer within 3 seconds and retries otherwise) and the booking that links the meeting
 * is checked and repaired beside it. Anything else signed is 200 and ignored.
 */
export function zoomWebhookEndpoint(options: ZoomWebhookOptions): ZoomWebhookEndpoint {
  const { secret, logger, record } = options;
  const inFlight = new Set<Promise<void>>();
  const handler: InboundHandler = ({ headers, rawBody }) => {
    if (secret === '') {
      record('not_configured');
      return { status: 404, body: 'Zoom webhooks are off: set zoom.webhookSecretToken\n' };
    }
    const verdict = verifyZoomSignature({
      secret,
      signature: single(headers['x-zm-signature']),
      timestamp: single(headers['x-zm-request-timestamp']),
      rawBody,
      now: options.now(),
    });
    if (verdict !== 'ok') {
      record(verdict);
      logger.warn('zoom webhook refused', { reason: verdict });
      return { status: 401, body: `refused: ${verdict.replace('_', ' ')}\n` };
    }
    const body = parseEvent(rawBody);
    if (!body) {
      record('malformed');
      return { status: 400, body: 'not a Zoom event\n' };
    }
    if (body.event === 'endpoint.url_validation') {
      const plainToken = body.payload?.plainToken;
      if (typeof plainToken !== 'string' || plainToken === '') {
        record('malformed');
        return { status: 400, body: 'url_validation without payload.plainToken\n' };
      }
      record('challenge');
      return { status: 200, body: urlValidationAnswer(secret, plainToken) };
    }
    const meetingId = Number(body.payload?.object?.id);
    if (!meetingEvents.has(body.event) || !Number.isSafeInteger(meetingId)) {
      record('other_event');
      return { status: 200, body: { ignored: body.event } };
    }
    if (options.stopping()) {
      record('stopping');
      return { status: 503, body: 'shutting down: send it again later\n' };
    }
    record('meeting_event');
    const work = options.engine.zoomChanged({ event: body.event, meetingId }).then(
      (outcome) => {
        logger.info('zoom webhook worked', { event: body.event, meetingId, ...outcome });
      },
      (error: unknown) => {
        logger.warn('zoom webhook check failed; the nightly reconcile will look again', {
          event: body.event,
          meetingId,
          error: describeError(error),
        });
      },
    );
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
    return { status: 200, body: { received: body.event } };
  };
  return {
    handler,
    async settled() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}

interface ZoomEventBody {
  event: string;
  payload?: { plainToken?: unknown; object?: { id?: unknown } };
}

function parseEvent(raw: Buffer): ZoomEventBody | undefined {
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const event = (value as { event?: unknown }).event;
    return typeof event === 'string' ? (value as ZoomEventBody) : undefined;
  } catch {
    return undefined;
  }
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
