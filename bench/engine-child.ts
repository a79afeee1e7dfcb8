/**
 * The engine's process of a sync benchmark (`engine-process.ts` bundles and starts it): runs the
 * scenario its spec names against the emulators' process and prints `RESULT <json>`, with its
 * own CPU time and peak RSS.
 */
import { peakRssBytes } from './peak-rss.js';
import { runRealisticScenario, type RealisticSpec } from './scenario-realistic.js';
import { runSyncScenario, type SyncSpec } from './scenario-sync.js';

type Spec = ({ kind: 'sync' } & SyncSpec) | ({ kind: 'realistic' } & RealisticSpec);

const spec = JSON.parse(process.env.BENCH_ENGINE_SPEC ?? '{}') as Spec;
const cpu = process.cpuUsage();
const result =
  spec.kind === 'sync' ? await runSyncScenario(spec) : await runRealisticScenario(spec);
const used = process.cpuUsage(cpu);
process.stdout.write(
  `RESULT ${JSON.stringify({
    ...result,
    engine: {
      peakRssBytes: peakRssBytes(),
      cpuMs: (used.user + used.system) / 1000,
      memoryAtEnd: process.memoryUsage(),
    },
  })}\n`,
);
process.exit(0);
