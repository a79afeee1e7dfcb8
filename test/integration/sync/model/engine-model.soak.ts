import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelProperty, replayOptions } from './property.js';

/**
 * `npm run soak` (its own vitest config; not part of `npm test`): the model test of
 * `engine-model.test.ts` over ZOOMLINK_MODEL_RUNS sequences (default 300), in batches of ten
 * seeds, each batch stopped at its first failure; every kind of failure met is kept, then shrunk
 * once to a minimal sequence and printed with its seed and path.
 */
const soakRuns = Number(process.env.ZOOMLINK_MODEL_RUNS ?? 300);
/** How long shrinking one failure may take (ZOOMLINK_MODEL_SHRINK_SECONDS, default 240). */
const shrinkMs = Number(process.env.ZOOMLINK_MODEL_SHRINK_SECONDS ?? 240) * 1000;

describe('the sync engine holds to its model, soaked (issue 18)', () => {
  it(
    `soak: ${soakRuns} random sequences, every kind of failure collected and shrunk`,
    async () => {
      const failures = new Map<string, { seed: number; path: string; message: string }>();
      let ran = 0;
      const started = Date.now();
      for (let batch = 0; ran < soakRuns; batch += 1) {
        const batchSeed = (replayOptions().seed ?? 18_000) + batch;
        const out = await fc.check(modelProperty(), {
          numRuns: Math.min(10, soakRuns - ran),
          seed: batchSeed,
          endOnFailure: true,
        });
        ran += out.numRuns;
        if (out.failed && out.counterexamplePath) {
          const message = String((out.errorInstance as Error)?.message ?? out.errorInstance);
          const kind = kindOf(message);
          if (!failures.has(kind))
            failures.set(kind, { seed: batchSeed, path: out.counterexamplePath, message });
          console.log(`soak: run ${ran}, seed ${batchSeed}: ${kind}`);
        }
      }
      const report: string[] = [
        `soak: ${ran} sequences in ${Math.round((Date.now() - started) / 1000)} s, ${failures.size} kinds of failure`,
      ];
      for (const [kind, failure] of failures) {
        const shrunk = await fc.check(modelProperty(), {
          seed: failure.seed,
          path: failure.path,
          interruptAfterTimeLimit: shrinkMs,
        });
        report.push(
          `- ${kind}\n  seed ${failure.seed}, path ${shrunk.counterexamplePath ?? failure.path}\n  ${fc.stringify(shrunk.counterexample ?? [])}\n  ${firstLines(String((shrunk.errorInstance as Error)?.message ?? failure.message))}`,
        );
      }
      console.log(report.join('\n'));
      expect(failures.size, report.join('\n')).toBe(0);
    },
    6 * 3_600_000,
  );
});

/** A failure's kind: its first line without ids, times and counts. */
function kindOf(message: string): string {
  return message
    .split('\n')[0]!
    .replace(/B\d+ \([^)]+\)/g, 'B')
    .replace(/exception \S+/g, 'exception')
    .replace(/"[^"]*"/g, '""')
    .replace(/expected .*/, '')
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T')
    .replace(/\d+/g, 'N')
    .trim();
}

const firstLines = (message: string) => message.split('\n').slice(0, 12).join('\n  ');
