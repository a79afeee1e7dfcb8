import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ZoomMeetingRequest } from '../../../src/domain/zoom-meeting.js';
import { updateStart } from '../../../src/sync/plan/update-start.js';

const now = new Date('2030-03-04T08:00:00.250Z');
const single = (start_time: string, timezone = 'Europe/Berlin'): ZoomMeetingRequest => ({
  type: 2,
  topic: 'Weekly sync',
  start_time,
  timezone,
  duration: 90,
});

describe('updateStart: what an update of a single sends as its start', () => {
  it('keeps a start ahead, to the second', () => {
    const ahead = single('2030-03-04T09:00:01');
    expect(updateStart(ahead, now)).toBe(ahead);
  });

  it('sends a start already begun as a minute from now, in the same zone, the rest kept', () => {
    expect(updateStart(single('2030-03-04T08:00:00'), now)).toEqual(single('2030-03-04T09:01:00'));
    expect(updateStart(single('2030-03-04T07:00:00', 'UTC'), now)).toEqual(
      single('2030-03-04T08:01:00', 'UTC'),
    );
  });

  it('leaves a series and a meeting without a fixed time alone', () => {
    const series: ZoomMeetingRequest = { ...single('2030-03-01T08:00:00'), type: 8 };
    const noTime: ZoomMeetingRequest = { type: 3, topic: 'Any time' };
    expect(updateStart(series, now)).toBe(series);
    expect(updateStart(noTime, now)).toBe(noTime);
  });

  it('never sends a start before now plus the margin, whatever the booked start', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10 * 86_400, max: 10 * 86_400 }), (offsetSeconds) => {
        const booked = new Date(now.getTime() + offsetSeconds * 1000);
        const local = booked.toISOString().slice(0, 19);
        const sent = updateStart(single(local, 'UTC'), now);
        const sentMs = Date.parse(`${sent.start_time}Z`);
        expect(sentMs).toBeGreaterThan(now.getTime());
        if (booked.getTime() > now.getTime()) expect(sent.start_time).toBe(local);
      }),
    );
  });
});
