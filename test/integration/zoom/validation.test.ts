import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ZoomMeetingRequest } from '../../../src/domain/zoom-meeting.js';
import { ZoomApiError } from '../../../src/zoom/index.js';
import { rejection, startZoomHarness, wallTime, type ZoomHarness } from './zoom-harness.js';
import { zoomRoutes as routes } from '../../support/routes.js';

// Requests the emulator refuses as Zoom would (400, code 300 "Validation Failed." with `errors`),
// surfacing as ZoomApiError with the field named, and never retried.
const NOW = '2030-03-14T08:00:00Z';
const host = 'room1@example.com';

describe('Zoom client: validation errors', () => {
  let zoom: ZoomHarness;
  beforeAll(async () => {
    zoom = await startZoomHarness();
    await zoom.setClock(NOW);
  });
  afterAll(async () => zoom.close());
  beforeEach(async () => zoom.resetCalls());

  const valid: ZoomMeetingRequest = {
    type: 8,
    topic: 'Series',
    start_time: wallTime(NOW, 1),
    timezone: 'Europe/Berlin',
    duration: 30,
    recurrence: { type: 2, repeat_interval: 1, weekly_days: '2', end_times: 5 },
  };

  async function refusal(request: ZoomMeetingRequest): Promise<ZoomApiError> {
    const error = await rejection(zoom.client.createMeeting(host, request));
    expect(error).toBeInstanceOf(ZoomApiError);
    return error as ZoomApiError;
  }

  it('names a topic over 200 characters', async () => {
    const error = await refusal({ ...valid, topic: 'x'.repeat(201) });
    expect(error.code).toBe('ZOOM_VALIDATION_FAILED');
    expect(error.status).toBe(400);
    expect(error.zoomCode).toBe(300);
    expect(error.retryable).toBe(false);
    expect(error.fields.map((f) => f.field)).toContain('topic');
    expect(error.message).toContain('topic');
    expect(error.endpoint).toBe(`POST /users/${host}/meetings`);
    expect(await zoom.count(routes.create)).toBe(1);
    // The emulator (switch dailyLimitCounts = all-attempts) charges refused creates too, and says
    // so in X-RateLimit-Remaining; the client's budget book follows it.
    expect(zoom.client.remainingBudget(host)).toBe(99);
  });

  it('names bad recurrence fields', async () => {
    const weekly = await refusal({
      ...valid,
      recurrence: { type: 2, repeat_interval: 13, weekly_days: '8' },
    });
    expect(weekly.fields.map((f) => f.field)).toEqual(
      expect.arrayContaining(['recurrence.repeat_interval', 'recurrence.weekly_days']),
    );
    const both = await refusal({
      ...valid,
      recurrence: {
        type: 1,
        repeat_interval: 1,
        end_times: 3,
        end_date_time: '2030-04-01T00:00:00Z',
      },
    });
    expect(both.code).toBe('ZOOM_VALIDATION_FAILED');
    expect(both.message).toMatch(/recurrence\.end_(times|date_time)/);
    expect(await zoom.count(routes.create)).toBe(2);
  });

  it('names an agenda over 2000 characters on update', async () => {
    const meeting = await zoom.client.createMeeting(host, valid);
    const error = await rejection(
      zoom.client.updateMeeting(meeting.id, { agenda: 'a'.repeat(2001) }),
    );
    expect((error as ZoomApiError).code).toBe('ZOOM_VALIDATION_FAILED');
    expect((error as ZoomApiError).fields.map((f) => f.field)).toContain('agenda');
    expect(await zoom.count(routes.update)).toBe(1);
  });

  it('reports a bad occurrence_id (400/3000) as a final API error', async () => {
    const meeting = await zoom.client.createMeeting(host, valid);
    const error = await rejection(zoom.client.deleteMeeting(meeting.id, { occurrenceId: '123' }));
    expect((error as ZoomApiError).code).toBe('ZOOM_API_ERROR');
    expect((error as ZoomApiError).status).toBe(400);
    expect((error as ZoomApiError).zoomCode).toBe(3000);
    expect((error as ZoomApiError).retryable).toBe(false);
    expect(await zoom.count(routes.delete)).toBe(1);
  });
});
