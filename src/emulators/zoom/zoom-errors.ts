import type { EmulatorDialect, Reply } from '../kit/index.js';

/**
 * Zoom's error bodies: `{code, message}`, plus `errors: [{field, message}]` for 300 Validation
 * Failed (ERR, developers.zoom.us/docs/api/errors/). The messages are quoted from the spec, ERR
 * and the forum threads named below.
 */

export interface FieldError {
  field: string;
  message: string;
}

export function zoomError(status: number, code: number, message: string): Reply {
  return { status, body: { code, message } };
}

export const QPS_MESSAGE =
  'You have reached the maximum per-second rate limit for this API. Try again later.';

export const errors = {
  invalidToken: (message: string) => zoomError(401, 124, message),
  // SPEC meetingCreate 404.
  userNotFound: (userId: string) =>
    zoomError(404, 1001, `User ${userId} not exist or not belong to this account.`),
  // SPEC `user` 404: "User does not exist: $userId." (Get a user, unlike the meeting routes).
  noSuchUser: (userId: string) => zoomError(404, 1001, `User does not exist: ${userId}.`),
  // SPEC meeting 404.
  meetingNotFound: (meetingId: string) =>
    zoomError(404, 3001, `Meeting ${meetingId} is not found or has expired.`),
  // SPEC meetingDelete 400.
  invalidOccurrence: () => zoomError(400, 3000, 'Invalid occurrence_id.'),
  invalidJson: () => zoomError(400, 300, 'Request Body should be a valid JSON object.'),
  validationFailed: (fields: FieldError[]): Reply => ({
    status: 400,
    body: { code: 300, message: 'Validation Failed.', errors: fields },
  }),
  startedMeeting: () =>
    zoomError(
      400,
      3000,
      'You cannot update or delete meetings that have started using this method.',
    ),
  inProgress: () =>
    zoomError(400, 3002, 'Sorry, you cannot delete this meeting since it is in progress.'),
};

export const zoomDialect: EmulatorDialect = {
  errorReply(status, message, extra) {
    const headers: Record<string, string> = {};
    if (extra?.retryAfter) headers['Retry-After'] = extra.retryAfter;
    if (status === 429) {
      // An injected 429 looks like Zoom's per-second limit (message quoted in DF-18928).
      headers['X-RateLimit-Type'] = 'QPS';
      return { status, headers, body: { code: 429, message: QPS_MESSAGE } };
    }
    return { status, headers, body: { code: status, message } };
  },
  notFound(method, path) {
    return zoomError(404, 404, `No API is available for ${method} ${path}.`);
  },
};
