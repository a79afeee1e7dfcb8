import { describe, expect, it } from 'vitest';
import type { ZoomMeeting } from '../../../src/domain/zoom-meeting.js';
import type { Link } from '../../../src/store/index.js';
import { meetingDifference } from '../../../src/sync/plan/meeting-difference.js';
import { BOARD, CONFIG, NOW, WATCHED, booking } from './fixtures.js';

const config = { ...CONFIG, watched: WATCHED };
const link = (strategy: Link['strategy']) =>
  ({ strategy, rooms: [BOARD], zoomHost: 'zoom-board@example.com', state: 'linked' }) as Link;
/** The meeting as zoomlink made it for `booking()`: 2030-03-05 09:00 UTC, 60 minutes. */
const meeting = (patch: Partial<ZoomMeeting> = {}): ZoomMeeting => ({
  id: 81234567890,
  uuid: 'u',
  host_id: 'h',
  topic: 'Weekly review',
  type: 2,
  start_time: '2030-03-05T09:00:00Z',
  duration: 60,
  timezone: 'Europe/Berlin',
  join_url: 'https://zoom.us/j/81234567890',
  ...patch,
});

describe('meetingDifference: what a person changed in Zoom', () => {
  it('finds nothing in the meeting as zoomlink made it (our own update leaves nothing to find)', () => {
    expect(meetingDifference(booking(), link('single'), meeting(), config, NOW)).toBe('');
  });

  it('finds a topic, a start and a length changed on a single meeting', () => {
    const found = meetingDifference(
      booking(),
      link('single'),
      meeting({ topic: 'Taken over', start_time: '2030-03-05T12:00:00Z', duration: 15 }),
      config,
      NOW,
    );
    expect(found).toContain('topic "Taken over", not "Weekly review"');
    expect(found).toContain('starts 2030-03-05T12:00:00Z, not 2030-03-05T09:00:00.000Z');
    expect(found).toContain('lasts 15 min, not 60');
  });

  it('compares a private booking with its stand-in topic, not its title', () => {
    const secret = booking({ visibility: 'private' });
    expect(
      meetingDifference(secret, link('single'), meeting({ topic: 'Private booking' }), config, NOW),
    ).toBe('');
    expect(meetingDifference(secret, link('single'), meeting(), config, NOW)).toContain(
      'topic "Weekly review", not "Private booking"',
    );
  });

  it('judges no start already past (Zoom keeps "now" for a meeting made late), and a series only by topic', () => {
    const late = new Date('2030-03-05T09:30:00Z');
    expect(
      meetingDifference(
        booking(),
        link('single'),
        meeting({ start_time: '2030-03-05T09:29:00Z' }),
        config,
        late,
      ),
    ).toBe('');
    const series = booking({ recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'] });
    expect(
      meetingDifference(
        series,
        link('series'),
        meeting({ type: 8, start_time: '2030-03-12T09:00:00Z' }),
        config,
        NOW,
      ),
    ).toBe('');
    expect(
      meetingDifference(series, link('series'), meeting({ type: 8, topic: 'Other' }), config, NOW),
    ).toContain('topic "Other"');
  });
});
