import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  Book,
  Cancel,
  CancelInstance,
  ChangeRoom,
  EditText,
  MoveInstance,
  MoveSingle,
  Retitle,
  Split,
} from './commands.js';
import { Advance, Check, CrashPass, FaultPass, Pass, WindowPass } from './world-commands.js';
import { modelProperty, replayOptions } from './property.js';
import { runSequence } from './run-sequence.js';

/**
 * Issue 18: a stateful property test of the sync engine. Random sequences of what people do
 * (book singles and series, move, retitle, rewrite their text, cancel, move or cancel an
 * occurrence, add or remove a room, split a series) and of what the world does (passes, passes
 * killed at a random call, passes with 429/5xx/410 and dropped connections, the clock moving on)
 * drive both emulators and the whole app; after each `check` and at the end the invariant of
 * `invariant.ts` must hold. A failure is shrunk to a minimal sequence and printed with its seed,
 * path and replay path (ZOOMLINK_MODEL_SEED, ZOOMLINK_MODEL_PATH, ZOOMLINK_MODEL_REPLAY_PATH
 * replay it); keep it below as a named case. `npm run soak` runs hundreds (`engine-model.soak.ts`).
 * Here the seed is fixed, so that `npm test` is the same on every machine: exploring new
 * sequences is the soak's job, and what it finds is kept below.
 */
describe('the sync engine holds to its model (issue 18)', () => {
  it('over 30 random sequences of bookings, changes, passes, kills, faults and time', async () => {
    await fc.assert(modelProperty(), {
      numRuns: 30,
      verbose: 1,
      seed: 1,
      ...replayOptions(),
      // Shrinking replays whole sequences: bounded, so a failure is reported in minutes.
      interruptAfterTimeLimit: 120_000,
      markInterruptAsFailure: false,
    });
  }, 600_000);

  // Failures the model found, kept as named cases (minimal sequences, as fast-check shrank them).

  it('a series whose first create was killed keeps its moved and cancelled occurrences (issue 18, in the model)', async () => {
    // The first paragraph in the model's words: the pass is killed at its third call
    // (after the create's intent is written); the next pass comes before the intent settles.
    await runSequence([
      new Book(0, [0], 1, 9, 60, 'weekly5', true),
      new MoveInstance(0, 1, 120, 30),
      new CancelInstance(0, 3),
      new CrashPass(3, false),
      new Pass(),
    ]);
  });

  it('a daily series first seen during its first occurrence keeps its time of day (seed -49634787)', async () => {
    // Booked 08:00–09:30 Berlin (07:00 UTC) on the day it starts; zoomlink first sees it at
    // 09:00 Berlin, while that first occurrence is in progress. Every later occurrence must stay
    // at 08:00 Berlin in Zoom (a past start_time is moved to "now" by Zoom).
    await runSequence([new Book(0, [0], 0, 8, 90, 'daily10', false), new Pass()]);
  });

  it('a series whose pass was killed just after its create keeps an occurrence cancelled before the next pass (soak seed 18025)', async () => {
    // Shrunk from a split-off series; the split is not needed. A weekly series starting next
    // Monday; the pass is killed just after Zoom answered the create (call 5, the answer read);
    // the organizer cancels the first occurrence; the next pass never deletes it in Zoom.
    await runSequence([
      new Book(0, [0], 7, 7, 30, 'weekly', false),
      new CrashPass(5, true),
      new CancelInstance(0, 0),
      new Pass(),
    ]);
  });

  it('a meeting per occurrence made after a killed pass reaches the block (soak seed 19043)', async () => {
    // Two monthly series Zoom cannot repeat (the 5th Friday; the last weekday), one meeting per
    // occurrence each, linked on 4 March. 23 days later the pass that makes the next
    // occurrences' meetings is killed at its 7th call; the passes after it never write the new
    // meeting's join URL into the last-weekday series' block (it still lists 4 March only).
    await runSequence([
      new Book(0, [0], 0, 9, 30, 'monthly5th', false),
      new Book(0, [1], 0, 9, 30, 'monthlyLast', false),
      new Pass(),
      new Advance(23 * 1440),
      new CrashPass(7, false),
    ]);
  });

  it('a booking that loses its only room takes our block out of its moved occurrence too (npm test run)', async () => {
    // A monthly series on the last weekday (one meeting per occurrence) is linked; its 29 March
    // occurrence is moved an hour earlier; then its only room is taken off it. The series' own
    // copy loses our block; the moved occurrence's copy keeps it (docs/sync-engine.md: "when the
    // booking goes, what we wrote is taken out of the live exceptions' copies too").
    await runSequence([
      new Book(0, [2], 0, 7, 30, 'monthlyLast', false),
      new Pass(),
      new MoveInstance(0, 0, -60, 30),
      new ChangeRoom(0, 2, false),
    ]);
  });

  it('a single moved into the past keeps no meeting at its old time (soak seed 20012)', async () => {
    // A single on 8 March is linked; its organizer moves it to 4 March, which is already over.
    // The booking is then "over" and kept as history, but its meeting still stands on 8 March.
    await runSequence([
      new Advance(1440),
      new Book(0, [0], 4, 15, 60, 'single', false),
      new Pass(),
      new MoveSingle(0, 0, 12, 30),
    ]);
  });

  it('a series that loses its only room after a killed pass loses our block (soak seed 20009)', async () => {
    // A monthly series is being linked when the pass is killed at its 9th call; its only room is
    // then taken off it. The organizer's copy keeps our block.
    await runSequence([
      new Book(0, [2], 0, 7, 30, 'monthly4', false),
      new CrashPass(9, false),
      new ChangeRoom(0, 2, false),
      new Advance(30),
    ]);
  });

  it('a series split so that what is left of it is over loses the occurrences after it in Zoom (soak seed 18002)', async () => {
    // A weekly series of 5 whose first occurrence (06:00 UTC today) is over is linked, then
    // split at its second: the old series is now over, but its meeting still holds 11 March
    // on, beside the new series' own meeting (two live meetings for one occurrence).
    await runSequence([
      new Book(0, [0], 0, 7, 30, 'weekly5', false),
      new Pass(),
      new Split(0, 0),
      new Check(),
    ]);
  });

  it('a cancelled booking whose create was cut short does not stay pending forever (soak seed 18017)', async () => {
    // A single in two rooms; the pass is killed at its second call; the organizer cancels it;
    // the next pass meets a 429 on a create. No pass ever settles the link again: it stays
    // pending ("a create may still be in flight") with no open intent.
    await runSequence([
      new Book(0, [1, 0], 0, 9, 30, 'single', false),
      new CrashPass(2, false),
      new Cancel(0),
      new FaultPass([{ which: 0, skip: 0, count: 1 }], false),
    ]);
  });

  it('a series cut short by a split while its new last occurrence runs loses the occurrences after it in Zoom (seed 18001)', async () => {
    // A weekly series (Wednesdays 14:00 Berlin) is linked, then split at 10 April; the new
    // series is cancelled before zoomlink sees it. zoomlink first sees the shortened series during
    // its new last occurrence (3 April) and, by design, waits for it to end; the meeting must not
    // keep 10 and 17 April, which Google no longer has.
    await runSequence([
      new Advance(7 * 1440 + 180),
      new Book(0, [0], 2, 14, 90, 'weekly', true),
      new Pass(),
      new Advance(60),
      new Split(0, 4),
      new Advance(23 * 1440),
      new Cancel(1),
    ]);
  });

  it('a booking in two rooms, over and then cancelled, loses its meeting though one room only reads from scratch (soak seed 20003)', async () => {
    // The first pass cannot read room 1 (503), so room 1 has no sync token. 23 days on, the
    // daily series is over; its organizer cancels it. Room 0 reports the cancellation, room 1's
    // read from scratch is bounded by google.fullSyncDaysBack and never mentions it: without a
    // look at the organizer's copy the link stays with room 1 and the meeting stays in Zoom.
    await runSequence([
      new Book(0, [1, 0], 0, 7, 30, 'daily10', false),
      new FaultPass([{ which: 8, skip: 1, count: 2 }], false),
      new Advance(33_120),
      new Cancel(0),
      new FaultPass([{ which: 0, skip: 0, count: 1 }], false),
    ]);
  });

  it('a series whose update was killed before its extra occurrences were deleted again deletes them on the next pass (soak seed 40001)', async () => {
    // "5th Friday" is a monthly series with extras deleted. Retitled, its update re-expands
    // Zoom's occurrences; the pass is killed right after the update: the link must not take the
    // new hash for a finished job while Zoom holds the extras again.
    await runSequence([
      new Book(0, [0], 0, 7, 30, 'monthly5th', false),
      new FaultPass([{ which: 0, skip: 1, count: 1 }], false),
      new Retitle(0),
      new CrashPass(3, true),
      new CancelInstance(0, 6),
    ]);
  });

  it('a series split off ours after our block was deleted is ours, not foreign: its copied location names our meeting (soak seed 40007)', async () => {
    await runSequence([
      new Book(0, [0], 0, 7, 30, 'monthly', false),
      new FaultPass([{ which: 0, skip: 1, count: 1 }], false),
      new EditText(0, true),
      new Split(0, 0),
      new CrashPass(1, false),
    ]);
  });

  it("a create left unfinished for 46 days, its single moved into the past: the expired meeting is nobody's concern (soak seed 60003, a fault of the model)", async () => {
    // Recovery cannot list a one-off meeting 30 days after its time (Zoom lists expired meetings
    // nowhere): the intent is abandoned and the booking, now over, is skipped. The model counted
    // the expired meeting as an orphan.
    await runSequence([
      new Book(0, [0], 0, 8, 90, 'single', false),
      new CrashPass(6, false),
      new Advance(33_120),
      new Advance(33_120),
      new MoveSingle(0, 0, 7, 30),
    ]);
  });

  it('a series split off a monthly one during a killed pass: its window reaches past the year the model reads of Google (soak seed 30001, a fault of the model)', async () => {
    await runSequence([
      new Book(0, [0], 1, 10, 30, 'monthly', false),
      new CancelInstance(0, 0),
      new Split(0, 6),
      new CrashPass(2, false),
    ]);
  });

  it('a series with a cancelled occurrence, booked into a room only after it: the room sees the occurrence cancelled (soak seed 90000, a fault of the emulator)', async () => {
    // The room was taken off the series, an occurrence cancelled, another room put on: the
    // Google emulator gave the new room the series without its cancelled occurrence, so Zoom got
    // an occurrence Google's organizer copy does not have. Fixed in the emulator (propagation.ts).
    await runSequence([
      new Book(0, [1], 0, 7, 30, 'monthly', false),
      new ChangeRoom(0, 1, false),
      new CancelInstance(0, 0),
      new ChangeRoom(0, 0, true),
      new WindowPass(),
    ]);
  });

  it('a series split off one that had lost its last room keeps the block Google copied into it (soak seed 90004, a known limit)', async () => {
    // zoomlink reads room calendars: a series in no watched room is never read (docs/sync-engine.md).
    await runSequence([
      new Book(0, [2], 0, 7, 30, 'monthly', false),
      new FaultPass([{ which: 0, skip: 1, count: 1 }], false),
      new ChangeRoom(0, 2, false),
      new Split(0, 0),
    ]);
  });

  it('an occurrence running when its series is first seen, moved later the same day (soak seed 90005, the known limit of seed 80001)', async () => {
    await runSequence([
      new Book(0, [0], 0, 8, 90, 'weekly', false),
      new MoveInstance(0, 0, 120, 30),
    ]);
  });

  it('a series the room declined, an occurrence cancelled, then accepted: its meeting leaves the occurrence out (soak seed 100011)', async () => {
    // B1 clashes with B0 in the room, which declines it; one occurrence is cancelled while it is
    // declined (the room's read moves past it); a move ends the clash and the room accepts. The
    // meeting made then held the cancelled occurrence: nothing had kept it for a booking not linked.
    await runSequence([
      new Book(0, [2], 0, 7, 30, 'monthlyLast', false),
      new Book(0, [2], 1, 7, 30, 'monthly5th', false),
      new Split(13, 2),
      new CancelInstance(16, 4),
      new Pass(),
      new MoveInstance(19, 3, 30, 60),
      new ChangeRoom(1, 0, false),
      new Pass(),
    ]);
  });

  it('a series cancelled while its room was not read, over by the time Google refuses the sync token, loses its meeting (soak seed 100017)', async () => {
    // The read from scratch after the 410 is bounded by google.fullSyncDaysBack and never
    // mentions the booking, which ended 13 days before: its cancellation was lost.
    await runSequence([
      new Book(0, [0], 0, 7, 30, 'daily10', false),
      new FaultPass([{ which: 0, skip: 1, count: 1 }], false),
      new Cancel(0),
      new Advance(33_120),
      new FaultPass([{ which: 6, skip: 1, count: 3 }], true),
      new FaultPass([{ which: 0, skip: 0, count: 1 }], false),
    ]);
  });

  it('a single moved to a time already begun leaves no meeting ahead at its old time (soak seed 110019)', async () => {
    // Linked at 10:00 Berlin, moved at 09:00 to 08:00–09:30: Zoom ignores a past start_time on
    // update, so the meeting stayed at 10:00 with the new length.
    await runSequence([
      new Book(0, [0], 0, 10, 30, 'single', false),
      new FaultPass([{ which: 3, skip: 0, count: 1 }], false),
      new MoveSingle(0, 0, 8, 90),
      new Pass(),
    ]);
  });

  it('an occurrence moved a day later, first read once its original time had begun: Zoom moves it (soak seed 130000, made minimal by hand)', async () => {
    // The series is linked on 4 March; its 13 March occurrence is moved to 14 March, and nothing
    // reads it until the morning of the 14th. The planner looked only at the occurrences not
    // begun by then, so the move was never applied: Zoom kept 13 March and lacked the 14th.
    await runSequence([
      new Book(0, [0], 2, 13, 90, 'weekly5', false),
      new Pass(),
      new MoveInstance(0, 1, 1440, 45),
      new Advance(14_400),
      new Pass(),
    ]);
  });
});
