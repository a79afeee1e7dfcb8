import { range, type SwitchDefinitions } from './switches.js';

/**
 * The switches every emulator has: how long it takes to answer. Real APIs answer in 100-300 ms
 * (the round trip and their own work) where an emulator on loopback answers in about one; the
 * benchmarks measure the sync engine at realistic latency with these. Off (0) by default.
 */
export const latencySwitchDefinitions = {
  latencyMs: range(0, 60_000),
  latencyJitterMs: range(0, 60_000),
} satisfies SwitchDefinitions;

export type LatencySwitchDefinitions = typeof latencySwitchDefinitions;

/** The delay of one answer: latency ± jitter, drawn evenly, never below 0. */
export function answerDelay(latencyMs: number, jitterMs: number, random = Math.random): number {
  if (latencyMs <= 0 && jitterMs <= 0) return 0;
  return Math.max(0, Math.round(latencyMs + (2 * random() - 1) * jitterMs));
}
