import type { LiveEvent } from '../../domain/calendar-event.js';
import type { Link, OccurrenceOverride } from '../../store/index.js';
import { isLiveException } from './booking-state.js';
import type { Action } from './actions.js';

/**
 * A modified instance of a series is its own event in Google, with its own description: people
 * who open that occurrence see its description, not the series'. Google does not document that a
 * change of the series' description reaches its existing exceptions (the emulator keeps them as
 * they are; a new exception starts as a copy of the series, block included), so each live
 * exception's copies get our block for the series' meeting, written once: its override records
 * the hash of the block they carry, and only an exception whose recorded block is not the link's
 * is written (docs/sync-engine.md, "Modified instances").
 */

/**
 * Adds the step that brings the exceptions' blocks in line to a booking's plan: after the series'
 * own block is (re)written, when it has live exceptions (apply then writes those whose recorded
 * block differs from the one just written); or, when nothing is rewritten, when a live exception's
 * recorded block is not the link's (one that failed, or whose copy lost it).
 */
export function withExceptionBlocks(
  actions: Action[],
  overrides: readonly OccurrenceOverride[],
  link: Link | undefined,
  master: LiveEvent,
  now: Date,
): Action[] {
  const live = overrides.filter((o) => isLiveException(o, now));
  if (live.length === 0) return actions;
  const step: Action = { kind: 'writeExceptionBlocks', master };
  const last = actions.map((a) => a.kind).lastIndexOf('writeBack');
  if (last >= 0) return [...actions.slice(0, last + 1), step, ...actions.slice(last + 1)];
  const stale =
    link?.writebackHash != null && live.some((o) => o.writebackHash !== link.writebackHash);
  return stale ? [...actions, step] : actions;
}
