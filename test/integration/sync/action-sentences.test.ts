import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sentenceFor } from '../../../src/log-sentences.js';
import { logRecords, startSyncHarness, type SyncHarness } from './sync-harness.js';
import { berlin } from '../../support/time.js';

/**
 * Issue 17: the engine's JSON lines carry what a person needs to read each action as a sentence
 * (the booking's title, its room's name, its local time, the join link without its passcode), so
 * a readable log says what happened in words. The sentences here are made from the JSON lines the
 * real engine wrote, through both emulators.
 */
describe('sync engine: every action can be said in words', () => {
  let h: SyncHarness;
  let board: string;
  let alice: string;
  let seen = 0;

  /** The sentences of the lines written since the last call. */
  const said = () => {
    const fresh = logRecords.slice(seen);
    seen = logRecords.length;
    return fresh
      .map((r) => sentenceFor(String(r.message), r, h.emulators.clock.now()))
      .filter((s): s is string => typeof s === 'string');
  };

  beforeAll(async () => {
    h = await startSyncHarness();
    board = h.rooms[0]!.calendarId;
    alice = h.people[0]!;
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await h.settle();
    said();
  });

  it('a new booking: its meeting, and its link with title, room, time and join link', async () => {
    const { id } = await h.book(alice, [board], {
      summary: 'Quarterly planning',
      ...berlin(1, 10),
    });
    await h.app.engine.poll();
    const link = h.app.store.links.get(id)!;
    const shown = link.joinUrl!.replace(/\?.*$/, '');
    expect(link.joinUrl).toContain('pwd=');
    expect(said()).toEqual([
      `Made Zoom meeting ${link.zoomMeetingId} for "Quarterly planning" (Boardroom, Tue 5 Mar 10:00 Europe/Berlin)`,
      `Linked "Quarterly planning" (Boardroom, Tue 5 Mar 10:00 Europe/Berlin) → ${shown}`,
    ]);

    await h.deleteEvent(alice, alice, id);
    await h.app.engine.poll();
    expect(said()).toContain('Deleted the meeting of cancelled "Quarterly planning"');
  });

  it('a series: a moved occurrence says where to, a cancelled one which', async () => {
    const { id } = await h.book(alice, [board], {
      summary: 'Weekly sync',
      ...berlin(1, 9),
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=5'],
    });
    await h.settle();
    expect(said()).toContain(
      `Linked "Weekly sync" (Boardroom, weekly from Tue 5 Mar 09:00 Europe/Berlin) → ${h.app.store.links.get(id)!.joinUrl!.replace(/\?.*$/, '')}`,
    );
    await h.patchEvent(alice, alice, `${id}_20300312T080000Z`, {
      start: { dateTime: '2030-03-12T11:30:00+01:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2030-03-12T12:00:00+01:00', timeZone: 'Europe/Berlin' },
    });
    await h.deleteEvent(alice, alice, `${id}_20300319T080000Z`);
    await h.app.engine.poll();
    const sentences = said();
    expect(sentences).toContain('Moved occurrence of "Weekly sync" to Tue 12 Mar 11:30');
    expect(sentences).toContain(
      'Cancelled the occurrence of "Weekly sync" on Tue 19 Mar 09:00 in Zoom',
    );
  });

  it('an all-day booking is skipped in a word, once', async () => {
    await h.book(alice, [board], {
      summary: 'Offsite',
      start: { date: '2030-03-08' },
      end: { date: '2030-03-09' },
    });
    await h.app.engine.poll();
    expect(said()).toEqual(['Skipped "Offsite" (Boardroom, all-day)']);
    await h.app.engine.poll();
    expect(said()).toEqual([]);
  });

  it('a failure names the booking and says what to do', async () => {
    await h.zoomFault({
      path: `/v2/users/${h.rooms[0]!.zoomHost}/meetings`,
      method: 'POST',
      kind: 'status',
      status: 404,
      body: { code: 1001, message: 'User does not exist.' },
    });
    await h.book(alice, [board], { summary: 'Vendor call', ...berlin(2, 14) });
    await h.app.engine.poll();
    const [refused, failure] = said();
    expect(refused).toBe(
      'Could not create the Zoom meeting of "Vendor call" (Boardroom, Wed 6 Mar 14:00 Europe/Berlin): ZOOM_USER_NOT_FOUND',
    );
    expect(failure).toMatch(
      /^"Vendor call" \(Boardroom, Wed 6 Mar 14:00 Europe\/Berlin\) failed: ZOOM_USER_NOT_FOUND: .*Check the room's zoomHost.* — zoomlink tries again in \d+ s; README's troubleshooting table has ZOOM_USER_NOT_FOUND$/,
    );
  });
});
