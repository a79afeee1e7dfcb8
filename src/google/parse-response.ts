import type { z } from 'zod';
import { CalendarApiError, GoogleErrorCodes } from './calendar-api-error.js';

/** Parses a 2xx body at the edge; a shape we cannot read is an error with a stable code. */
export function parseResponse<T extends z.ZodType>(
  schema: T,
  data: unknown,
  operation: string,
  what: string,
): z.infer<T> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new CalendarApiError(
    GoogleErrorCodes.unexpectedResponse,
    `Google ${operation}: could not read ${what} (${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'unknown shape'}). Check that google.calendarRootUrl / google.directoryRootUrl point at Google.`,
    { status: 200, reason: 'unexpectedResponse', retryable: false, operation },
  );
}
