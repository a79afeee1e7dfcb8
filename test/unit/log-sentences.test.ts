import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import {
  describeAction,
  describeDemoChange,
  describeFailure,
  describePass,
  describeSkip,
  localTime,
  sentenceFor,
} from '../../src/log-sentences.js';

/** What the engine's `action` line carries for a booking in the Boardroom (record-action.ts). */
const planning = {
  room: 'c_188a2b7q@resource.calendar.google.com',
  eventId: 'demo7c91',
  title: 'Quarterly planning',
  roomName: 'Boardroom',
  start: '2026-12-05T09:00:00.000Z',
  timeZone: 'Europe/Berlin',
  joinUrl: 'https://zoom.us/j/91093832913',
};

const weekly = {
  ...planning,
  eventId: 'demoweekly',
  title: 'Weekly sync',
  start: '2026-12-08T09:00:00.000Z',
  repeats: 'weekly',
  joinUrl: 'https://zoom.us/j/91093832999',
};

const action = (fields: Record<string, unknown>) =>
  describeAction({ result: 'ok', meetingId: 91093832913, ...fields });

describe('log sentences: what the engine did, as a person reads it', () => {
  it('a link written into a booking names its title, room, local time and join link', () => {
    expect(
      action({ ...planning, service: 'google', action: 'event.writeback', detail: 'written' }),
    ).toBe(
      'Linked "Quarterly planning" (Boardroom, Sat 5 Dec 10:00 Europe/Berlin) → https://zoom.us/j/91093832913',
    );
  });

  it('a series is linked "weekly from" its first occurrence covered', () => {
    expect(
      action({ ...weekly, service: 'google', action: 'event.writeback', detail: 'written' }),
    ).toBe(
      'Linked "Weekly sync" (Boardroom, weekly from Tue 8 Dec 10:00 Europe/Berlin) → https://zoom.us/j/91093832999',
    );
  });

  it('a meeting moved to another pool host names both hosts and keeps its link', () => {
    expect(
      action({
        ...planning,
        service: 'zoom',
        action: 'meeting.move',
        detail: { from: 'zoom1@example.com', to: 'zoom2@example.com', how: 'in place' },
      }),
    ).toBe(
      'Moved the Zoom meeting of "Quarterly planning" from zoom1@example.com to zoom2@example.com, keeping its link → https://zoom.us/j/91093832913',
    );
  });

  it('a link already in place is kept; a moved instance gets the link in its own copy', () => {
    const writeback = { service: 'google', action: 'event.writeback' };
    expect(action({ ...planning, ...writeback, detail: 'unchanged' })).toBe(
      '"Quarterly planning" (Boardroom, Sat 5 Dec 10:00 Europe/Berlin) keeps its link → https://zoom.us/j/91093832913',
    );
    expect(
      action({
        ...weekly,
        ...writeback,
        detail: 'written',
        occurrence: '2026-12-22T09:00:00.000Z',
        movedTo: '2026-12-23T12:00:00.000Z',
      }),
    ).toBe(
      'Linked the occurrence of "Weekly sync" on Wed 23 Dec 13:00 → https://zoom.us/j/91093832999',
    );
  });

  it('a link taken out, and a copy that went with its link', () => {
    const unlink = { ...planning, service: 'google', action: 'event.unlink' };
    expect(action({ ...unlink, detail: 'written' })).toBe(
      'Took the link out of "Quarterly planning" (Boardroom)',
    );
    expect(action({ ...unlink, detail: 'gone' })).toBe(
      'The copy of "Quarterly planning" (Boardroom) is gone, and its link with it',
    );
  });

  it('a meeting made for a booking, and one made for one occurrence', () => {
    expect(action({ ...planning, service: 'zoom', action: 'meeting.create' })).toBe(
      'Made Zoom meeting 91093832913 for "Quarterly planning" (Boardroom, Sat 5 Dec 10:00 Europe/Berlin)',
    );
    expect(
      action({
        ...weekly,
        service: 'zoom',
        action: 'meeting.create',
        occurrence: '2026-12-15T09:00:00.000Z',
      }),
    ).toBe(
      'Made Zoom meeting 91093832913 for the occurrence of "Weekly sync" on Tue 15 Dec 10:00 → https://zoom.us/j/91093832999',
    );
  });

  it('a moved occurrence says where it went', () => {
    expect(
      action({
        ...weekly,
        service: 'zoom',
        action: 'occurrence.update',
        occurrence: '2026-12-08T09:00:00.000Z',
        movedTo: '2026-12-15T09:00:00.000Z',
        detail: 'updated',
      }),
    ).toBe('Moved occurrence of "Weekly sync" to Tue 15 Dec 10:00');
  });

  it('a cancelled occurrence, and one Zoom did not have', () => {
    const cancelled = {
      ...weekly,
      service: 'zoom',
      action: 'occurrence.delete',
      occurrence: '2026-12-22T09:00:00.000Z',
    };
    expect(action({ ...cancelled, detail: 'deleted' })).toBe(
      'Cancelled the occurrence of "Weekly sync" on Tue 22 Dec 10:00 in Zoom',
    );
    expect(action({ ...cancelled, detail: 'not an occurrence' })).toBe(
      'Cancelled the occurrence of "Weekly sync" on Tue 22 Dec 10:00 in Zoom (Zoom had no such occurrence)',
    );
  });

  it('the meeting of a cancelled booking is deleted, named by the title it had', () => {
    expect(
      action({
        room: planning.room,
        eventId: 'demovendor',
        title: 'Vendor call',
        roomName: 'Huddle 2A',
        cancelled: true,
        service: 'zoom',
        action: 'meeting.delete',
        detail: 'deleted',
      }),
    ).toBe('Deleted the meeting of cancelled "Vendor call"');
  });

  it('a meeting no booking has any more (reconcile) is named by its id', () => {
    expect(action({ service: 'zoom', action: 'meeting.delete', detail: 'orphan' })).toBe(
      'Deleted Zoom meeting 91093832913: zoomlink made it, and no booking has it any more',
    );
  });

  it('a meeting updated, or found deleted by hand', () => {
    const update = { ...planning, service: 'zoom', action: 'meeting.update' };
    expect(action({ ...update, detail: 'updated' })).toBe(
      'Updated the Zoom meeting of "Quarterly planning" (Boardroom, Sat 5 Dec 10:00 Europe/Berlin)',
    );
    expect(action({ ...update, detail: 'gone' })).toBe(
      'The Zoom meeting of "Quarterly planning" was deleted outside zoomlink; making it again',
    );
  });

  it("a failed call names its code (the booking's failure line that follows says the rest)", () => {
    expect(
      describeAction({
        ...planning,
        joinUrl: undefined,
        service: 'zoom',
        action: 'meeting.create',
        result: 'error',
        detail:
          "ZOOM_USER_NOT_FOUND: The Zoom user in POST /users/nobody@example.com/meetings is not in this Zoom account. Check the room's zoomHost.",
      }),
    ).toBe(
      'Could not create the Zoom meeting of "Quarterly planning" (Boardroom, Sat 5 Dec 10:00 Europe/Berlin): ZOOM_USER_NOT_FOUND',
    );
  });

  it('a booking without a known title is named by its id', () => {
    expect(
      action({ eventId: 'abc123', service: 'google', action: 'event.unlink', detail: 'written' }),
    ).toBe('Took the link out of booking abc123');
  });

  it('an all-day booking is skipped, saying so in a word; another Zoom link is left alone', () => {
    expect(
      describeSkip({
        eventId: 'off',
        title: 'Offsite',
        roomName: 'Training Room',
        start: '2026-12-07',
        strategy: 'skipped',
        reason: 'all_day',
        detail: 'an all-day event has no time for a Zoom meeting',
      }),
    ).toBe('Skipped "Offsite" (Training Room, all-day)');
    expect(
      describeSkip({
        ...planning,
        title: 'Client call',
        strategy: 'foreign',
        reason: 'foreign_zoom_link',
      }),
    ).toBe(
      'Left "Client call" (Boardroom, Sat 5 Dec 10:00 Europe/Berlin) alone: it already has a Zoom link zoomlink did not make',
    );
  });

  it('a failed booking says the error, when it is tried again and where to look', () => {
    expect(
      describeFailure(
        {
          ...planning,
          attempts: 2,
          nextAttemptAt: '2026-12-04T10:05:00.000Z',
          error: 'ZOOM_UNAVAILABLE: Zoom answered 503 after 4 retries. Tried again later.',
        },
        new Date('2026-12-04T10:03:00.000Z'),
      ),
    ).toBe(
      '"Quarterly planning" (Boardroom, Sat 5 Dec 10:00 Europe/Berlin) failed: ZOOM_UNAVAILABLE: Zoom answered 503 after 4 retries. Tried again later. — zoomlink tries again in 2 min (failed 2 times so far); README\'s troubleshooting table has ZOOM_UNAVAILABLE',
    );
  });

  it('a pass that did something is one summary line; one that did nothing is none', () => {
    const quiet = {
      rooms: 3,
      roomsFailed: 0,
      eventsSeen: 4,
      meetingsCreated: 0,
      meetingsUpdated: 0,
      meetingsDeleted: 0,
      linksWritten: 0,
      occurrencesChanged: 0,
      linksRemoved: 0,
      failed: 0,
      deferred: 0,
      durationMs: 412,
    };
    expect(describePass('poll pass done', quiet)).toBeNull();
    expect(
      describePass('poll pass done', { ...quiet, meetingsCreated: 9, linksWritten: 9, failed: 1 }),
    ).toBe('Poll: 9 meetings created, 9 links written, 1 booking failed (3 rooms, 0.4 s)');
  });

  it("the demo's own changes read like the daemon's", () => {
    expect(
      describeDemoChange({ change: 'moved', ...planning, start: '2026-12-05T09:30:00.000Z' }),
    ).toBe(
      'Demo: moved "Quarterly planning" (Boardroom) to Sat 5 Dec 10:30 Europe/Berlin in Google Calendar',
    );
    expect(
      describeDemoChange({ change: 'renamed', title: '1:1 (agenda)', previousTitle: '1:1' }),
    ).toBe('Demo: renamed "1:1" to "1:1 (agenda)"');
  });

  it('shows a hostile title as text: no escape sequence, line break or direction override reaches the terminal', () => {
    const title =
      'Board\u001b[2J\u001b]0;pwned\u0007 meeting\n12:00:00  Linked "fake" \u202Egnp.exe';
    const sentence = sentenceFor(
      'action',
      {
        ...planning,
        title,
        service: 'google',
        action: 'event.writeback',
        result: 'ok',
        detail: 'written',
      },
      new Date(),
    )!;
    expect(sentence).toBe(
      'Linked "Board�[2J�]0;pwned� meeting�12:00:00  Linked "fake" �gnp.exe" (Boardroom, Sat 5 Dec 10:00 Europe/Berlin) → https://zoom.us/j/91093832913',
    );
    // eslint-disable-next-line no-control-regex -- no control character may be left
    expect(sentence).not.toMatch(/[\u0000-\u001f\u202e]/);
  });

  it('keeps an unreadable time or zone as it was given', () => {
    expect(localTime('not a time', 'Europe/Berlin')).toBe('not a time');
    expect(localTime('2026-12-05T09:00:00Z', 'Not/AZone')).toBe('2026-12-05T09:00:00Z');
  });
});

function capture(format: 'json' | 'pretty') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger({ stream, format }), lines };
}

describe('the readable log format', () => {
  const pass = { rooms: 3, eventsSeen: 0, meetingsCreated: 0, durationMs: 5 };

  it('prints the sentence of an action, prints nothing for a quiet pass', () => {
    const { logger, lines } = capture('pretty');
    logger.info('action', {
      ...planning,
      service: 'google',
      action: 'event.writeback',
      result: 'ok',
      detail: 'written',
    });
    logger.info('poll pass done', pass);
    logger.info('poll pass done', { ...pass, meetingsCreated: 1, linksWritten: 1 });
    expect(lines).toEqual([
      expect.stringMatching(
        /^\d\d:\d\d:\d\d {2}Linked "Quarterly planning" \(Boardroom, Sat 5 Dec 10:00 Europe\/Berlin\) → https:\/\/zoom\.us\/j\/91093832913$/,
      ),
      expect.stringMatching(
        /^\d\d:\d\d:\d\d {2}Poll: 1 meeting created, 1 link written \(3 rooms, 0\.0 s\)$/,
      ),
    ]);
  });

  it('leaves JSON lines as they were: every record, its fields, no sentence', () => {
    const { logger, lines } = capture('json');
    logger.info('poll pass done', pass);
    logger.warn('action', {
      ...planning,
      service: 'zoom',
      action: 'meeting.create',
      result: 'error',
    });
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      { level: 'info', message: 'poll pass done', timestamp: expect.any(String), ...pass },
      {
        level: 'warn',
        message: 'action',
        timestamp: expect.any(String),
        ...planning,
        service: 'zoom',
        action: 'meeting.create',
        result: 'error',
      },
    ]);
  });
});
