import fc from 'fast-check';
import { commandArbitraries } from './arbitraries.js';
import { runSequence } from './run-sequence.js';

/** The model test's property: random command sequences, each run in a fresh world. */
export function modelProperty() {
  const replayPath = process.env.ZOOMLINK_MODEL_REPLAY_PATH;
  return fc.asyncProperty(
    fc.commands([commandArbitraries({ crashes: true })], {
      maxCommands: 30,
      size: 'large',
      ...(replayPath ? { replayPath } : {}),
    }),
    (commands) => runSequence(commands),
  );
}

/** A reported run again: ZOOMLINK_MODEL_SEED and ZOOMLINK_MODEL_PATH, as fast-check printed them. */
export function replayOptions(): { seed?: number; path?: string } {
  const seed = process.env.ZOOMLINK_MODEL_SEED;
  const path = process.env.ZOOMLINK_MODEL_PATH;
  return { ...(seed ? { seed: Number(seed) } : {}), ...(path ? { path } : {}) };
}
