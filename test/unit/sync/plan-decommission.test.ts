import { describe, expect, it } from 'vitest';
import type { Decommission, Link, OccurrenceMeeting } from '../../../src/store/index.js';
import { planDecommission } from '../../../src/sync/plan/plan-decommission.js';
import { booking, NOW } from './fixtures.js';
import { Model } from './plan-model.js';
import { planEventSync } from '../../../src/sync/plan/plan-event.js';
import { CONFIG } from './fixtures.js';

function linkedSingle(): Link {
  const model = new Model();
  const event = booking();
  model.apply(planEventSync(event, model.state(), NOW, CONFIG), event);
  return model.link!;
}
const journal = (state: Decommission['state']): Decommission => ({
  eventId: 'evt0001',
  state,
  detail: '',
  startedAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
});

describe('planDecommission', () => {
  it('a booking not over: its meeting deleted, then our block taken out', () => {
    const link = linkedSingle();
    expect(planDecommission(link, [], booking(), undefined, NOW)).toEqual({
      eventId: 'evt0001',
      over: false,
      deleteMeeting: link.zoomMeetingId,
      deleteOccurrenceMeetings: [],
      removeBlock: true,
      done: false,
    });
  });

  it('what the journal records done is not planned again', () => {
    const link = linkedSingle();
    expect(planDecommission(link, [], booking(), journal('meetings_deleted'), NOW)).toMatchObject({
      deleteMeeting: null,
      removeBlock: true,
      done: false,
    });
    expect(planDecommission(link, [], booking(), journal('done'), NOW)).toMatchObject({
      deleteMeeting: null,
      removeBlock: false,
      done: true,
    });
  });

  it('a booking that is over is left as history', () => {
    const later = new Date('2030-03-06T00:00:00Z');
    expect(planDecommission(linkedSingle(), [], booking(), undefined, later)).toMatchObject({
      over: true,
      deleteMeeting: null,
      removeBlock: false,
    });
  });

  it('one meeting per occurrence: only the meetings of occurrences not over', () => {
    const link: Link = { ...linkedSingle(), strategy: 'per_occurrence', zoomMeetingId: null };
    const meeting = (start: string, id: number): OccurrenceMeeting => ({
      eventId: 'evt0001',
      occurrenceStart: start,
      zoomMeetingId: id,
      joinUrl: `https://zoom.us/j/${id}`,
      passcode: null,
      durationMinutes: 60,
      zoomHash: null,
      writebackHash: null,
      createdAt: '',
      updatedAt: '',
    });
    const meetings = [
      meeting('2030-03-04T06:30:00.000Z', 11),
      meeting('2030-03-11T07:30:00.000Z', 12),
    ];
    expect(planDecommission(link, meetings, booking(), undefined, NOW)).toMatchObject({
      over: false,
      deleteMeeting: null,
      deleteOccurrenceMeetings: [{ meetingId: 12, occurrenceStart: '2030-03-11T07:30:00.000Z' }],
    });
  });
});
