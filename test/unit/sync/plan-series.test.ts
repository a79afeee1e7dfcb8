import { describe, expect, it } from 'vitest';
import type { Action, EventPlan } from '../../../src/sync/plan/actions.js';
import { planEventSync } from '../../../src/sync/plan/plan-event.js';
import { booking, cancelledInstance, CONFIG, kinds, movedInstance, NOW } from './fixtures.js';
import { Model } from './plan-model.js';

const plan = (model: Model, event: Parameters<typeof planEventSync>[0], now = NOW) =>
  planEventSync(event, model.state(), now, CONFIG);

/** Plans and applies (to the model) until the booking is linked and our write-back was seen. */
function linked(model: Model, event: ReturnType<typeof booking>): void {
  model.apply(plan(model, event), event);
  expect(model.link?.state).toBe('linked');
}

const find = <K extends Action['kind']>(p: EventPlan, kind: K) =>
  p.actions.find((a): a is Extract<Action, { kind: K }> => a.kind === kind);

describe('planEventSync: a series’ instances and windows', () => {
  it('a cancelled instance of a linked series: that one Zoom occurrence deleted', () => {
    const model = new Model();
    linked(model, booking({ recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'] }));
    const p = plan(model, cancelledInstance('2030-03-12T09:00:00.000Z'));
    expect(p.bookingId).toBe('evt0001');
    expect(kinds(p)).toEqual(['putOverride', 'applyOverride']);
    expect(find(p, 'applyOverride')).toMatchObject({
      originalStart: '2030-03-12T09:00:00.000Z',
      change: { kind: 'deleted' },
    });
  });

  it('a moved instance: that occurrence patched, at wall-clock time in the meeting zone', () => {
    const model = new Model();
    linked(model, booking({ recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'] }));
    const moved = movedInstance(
      '2030-03-12T09:00:00.000Z',
      '2030-03-12T14:30:00+01:00',
      '2030-03-12T15:00:00+01:00',
    );
    const p = plan(model, moved);
    expect(find(p, 'applyOverride')!.change).toEqual({
      kind: 'moved',
      start: '2030-03-12T13:30:00.000Z',
      durationMinutes: 30,
      zoomStart: { start_time: '2030-03-12T14:30:00', timezone: 'Europe/Berlin' },
    });
    // Its copy does not carry our block (it was made before the series was linked): written.
    expect(kinds(p)).toEqual(['putOverride', 'applyOverride', 'writeExceptionBlocks']);
    model.apply(p, moved);
    expect(plan(model, model.seenAgain(moved)).actions).toEqual([]);
  });

  it('a modified instance made after the series was linked carries our block: recorded, no write', () => {
    const model = new Model();
    linked(model, booking({ recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'] }));
    // Google makes the exception from the series as it stands, our block included.
    const moved = model.seenAgain(
      movedInstance(
        '2030-03-12T09:00:00.000Z',
        '2030-03-12T14:30:00+01:00',
        '2030-03-12T15:00:00+01:00',
      ),
    );
    const p = plan(model, moved);
    expect(kinds(p)).toEqual(['putOverride', 'applyOverride']);
    expect(find(p, 'putOverride')!.override.writebackHash).toBe(model.link!.writebackHash);
  });

  it('the series’ block written anew: its live exceptions follow; one that is over does not ask', () => {
    const model = new Model();
    const series = booking({ recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'] });
    linked(model, series);
    for (const [original, start, end] of [
      ['2030-03-12T09:00:00.000Z', '2030-03-12T14:30:00+01:00', '2030-03-12T15:00:00+01:00'],
      ['2030-03-19T09:00:00.000Z', '2030-03-19T14:30:00+01:00', '2030-03-19T15:00:00+01:00'],
    ] as const) {
      const moved = model.seenAgain(movedInstance(original, start, end));
      model.apply(plan(model, moved), moved);
    }
    // A person took our block out of the series: it and the exceptions' are checked.
    expect(kinds(plan(model, series))).toEqual(['writeBack', 'writeExceptionBlocks', 'markLinked']);
    // Once both exceptions are over, nothing is left to bring along.
    const later = new Date('2030-03-20T00:00:00Z');
    expect(kinds(plan(model, series, later))).toEqual(['writeBack', 'markLinked']);
    // An exception whose recorded block is not the series' is written even when the series' is fine.
    model.overrides = model.overrides.map((o, i) => (i === 0 ? { ...o, writebackHash: null } : o));
    expect(kinds(plan(model, model.seenAgain(series)))).toEqual([
      'writeExceptionBlocks',
      'markLinked',
    ]);
  });

  it('an instance whose series is not known yet waits for it', () => {
    const p = plan(new Model(), cancelledInstance('2030-03-12T09:00:00.000Z'));
    expect(p).toEqual({ bookingId: 'evt0001', actions: [], waitForMaster: true });
  });

  it('exceptions known before the series is created are applied right after the create', () => {
    const model = new Model();
    const series = booking({ recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'] });
    // The series failed before its create; its cancelled instance was recorded meanwhile.
    model.link = { ...model['baseLink']('evt0001'), state: 'failed' };
    model.master = series;
    model.apply(
      plan(model, cancelledInstance('2030-03-19T09:00:00.000Z')),
      cancelledInstance('2030-03-19T09:00:00.000Z'),
    );
    expect(kinds(plan(model, series))).toEqual([
      'createMeeting',
      'applyOverride',
      'writeBack',
      'markLinked',
    ]);
  });

  it('a window that runs low is moved forward: the same meeting, patched', () => {
    const config = { ...CONFIG, recurrence: { ...CONFIG.recurrence, cap: 5, windowRenewBelow: 2 } };
    const model = new Model();
    const forever = booking({ recurrence: ['RRULE:FREQ=WEEKLY'] });
    model.apply(planEventSync(forever, model.state(), NOW, config), forever);
    expect(model.link).toMatchObject({
      windowFrom: '2030-03-05T09:00:00.000Z',
      windowTo: '2030-04-02T08:00:00.000Z',
    });
    const seen = model.seenAgain(forever);
    expect(
      planEventSync(seen, model.state(), new Date('2030-03-20T00:00:00Z'), config).actions,
    ).toEqual([]);
    const p = planEventSync(seen, model.state(), new Date('2030-03-30T00:00:00Z'), config);
    expect(kinds(p)).toEqual(['updateMeeting', 'writeBack', 'markLinked']);
    expect(find(p, 'updateMeeting')!.meeting.window).toEqual({
      from: '2030-04-02T08:00:00.000Z',
      to: '2030-04-30T08:00:00.000Z',
    });
  });

  it('a window due to move while an occurrence is in progress waits until it is over, then moves', () => {
    const config = { ...CONFIG, recurrence: { ...CONFIG.recurrence, cap: 5, windowRenewBelow: 2 } };
    const model = new Model();
    const forever = booking({ recurrence: ['RRULE:FREQ=WEEKLY'] });
    model.apply(planEventSync(forever, model.state(), NOW, config), forever);
    const seen = model.seenAgain(forever);
    // 2030-04-02 10:00–11:00 Berlin (08:00Z), the window's last occurrence, is in progress: a
    // PATCH would start the series in the past, which Zoom ignores.
    const during = planEventSync(seen, model.state(), new Date('2030-04-02T08:30:00Z'), config);
    expect(during.actions).toEqual([
      {
        kind: 'waitUntil',
        until: '2030-04-02T09:00:00.000Z',
        reason: expect.stringContaining('in progress until 2030-04-02T09:00:00.000Z'),
      },
    ]);
    model.apply(during, seen);
    expect(model.link).toMatchObject({
      state: 'pending',
      nextAttemptAt: '2030-04-02T09:00:00.000Z',
    });
    const after = planEventSync(seen, model.state(), new Date('2030-04-02T09:00:00Z'), config);
    expect(kinds(after)).toEqual(['updateMeeting', 'writeBack', 'markLinked']);
    expect(find(after, 'updateMeeting')!.meeting.window).toEqual({
      from: '2030-04-09T08:00:00.000Z',
      to: '2030-05-07T08:00:00.000Z',
    });
  });

  it('a series retimed during one of its occurrences (or a moved one) waits for it to be over', () => {
    const model = new Model();
    linked(model, booking({ recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'] }));
    const retitled = model.seenAgain(
      booking({ recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'], summary: 'Renamed' }),
    );
    expect(plan(model, retitled, new Date('2030-03-12T09:10:00Z')).actions).toEqual([
      expect.objectContaining({ kind: 'waitUntil', until: '2030-03-12T10:00:00.000Z' }),
    ]);
    // The third instance runs 14:00–16:00 Berlin today; the rule's next one is tomorrow.
    const moved = movedInstance(
      '2030-03-19T09:00:00.000Z',
      '2030-03-18T14:00:00+01:00',
      '2030-03-18T16:00:00+01:00',
    );
    model.apply(plan(model, moved), moved);
    expect(plan(model, retitled, new Date('2030-03-18T13:30:00Z')).actions).toEqual([
      expect.objectContaining({ kind: 'waitUntil', until: '2030-03-18T15:00:00.000Z' }),
    ]);
    // Between occurrences the update goes ahead.
    expect(kinds(plan(model, retitled, new Date('2030-03-12T10:00:00Z')))[0]).toBe('updateMeeting');
    // Once the last occurrence has begun the booking is history: only what the change removed
    // ahead of now would go (a read of the meeting, nothing deleted here).
    expect(kinds(plan(model, retitled, new Date('2030-03-26T09:30:00Z')))).toEqual([
      'clearAhead',
      'markLinked',
    ]);
  });

  it('a booking that finished while it waited for a retry stops waiting', () => {
    const model = new Model();
    linked(model, booking());
    model.link = { ...model.link!, state: 'failed', nextAttemptAt: NOW.toISOString() };
    const over = new Date('2030-03-06T00:00:00Z');
    expect(plan(model, booking(), over)).toMatchObject({
      actions: [{ kind: 'markLinked' }],
      skipped: { reason: 'finished' },
    });
    const never = new Model();
    never.link = { ...never['baseLink']('evt0001'), state: 'failed' };
    expect(kinds(plan(never, booking(), over))).toEqual(['recordIgnored']);
  });

  it('an unfinished create (the meeting made, not yet written back) is finished, not made again', () => {
    const model = new Model();
    const series = booking({
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4', 'EXDATE;TZID=Europe/Berlin:20300312T100000'],
    });
    const first = plan(model, series);
    model.apply({ ...first, actions: first.actions.slice(0, 1) }, series);
    expect(kinds(plan(model, series))).toEqual(['deleteOccurrences', 'writeBack', 'markLinked']);
  });

  it('occurrences no Zoom series holds (two clock times): the configured fallback, with its reason', () => {
    const twice = booking({ recurrence: ['RRULE:FREQ=DAILY;BYHOUR=10,14;COUNT=3'] });
    const p = plan(new Model(), twice);
    expect(find(p, 'createMeeting')!.meeting).toMatchObject({
      strategy: 'no_fixed_time',
      request: { type: 3 },
      reason: expect.stringMatching(/^time_of_day_rule:/),
    });
  });

  it('a rule Zoom has no word for (yearly) is the series that holds its occurrences, extras deleted after the create; the link keeps its summary', () => {
    const yearly = booking({ recurrence: ['RRULE:FREQ=YEARLY;COUNT=2'] });
    const p = plan(new Model(), yearly);
    expect(find(p, 'createMeeting')!.meeting).toMatchObject({
      strategy: 'series',
      request: { type: 8, recurrence: { type: 3, repeat_interval: 3, end_times: 5 } },
      reason: 'every 3 months on day 5, 5 occurrences, 3 removed',
    });
    expect(find(p, 'deleteOccurrences')).toEqual({
      kind: 'deleteOccurrences',
      starts: ['2030-06-05T08:00:00.000Z', '2030-09-05T08:00:00.000Z', '2030-12-05T09:00:00.000Z'],
    });
  });

  it('an event that cannot be read is skipped as unsupported', () => {
    const bad = booking({ start: { dateTime: '2030-03-05T10:00:00', timeZone: 'Mars/Olympus' } });
    const p = plan(new Model(), bad);
    expect(p.skipped?.reason).toBe('unsupported');
  });
});
