/**
 * `npm run bench [name...]`: runs the named benchmarks (all when none is named). Each module in
 * this folder exports `run(): Promise<void>`, which prints its own tables to stdout. Benchmarks
 * measure; they never fail on a number.
 */
type Bench = {
  name: string;
  load: () => Promise<{ run: () => Promise<void> }>;
  onlyByName?: boolean;
};

const benches: Bench[] = [
  { name: 'zoom', load: () => import('./zoom.js') },
  { name: 'google', load: () => import('./google.js') },
  { name: 'recurrence', load: () => import('./recurrence.js') },
  { name: 'daemon', load: () => import('./daemon.js') },
  { name: 'sync', load: () => import('./sync.js') },
  // Not in `npm run bench` without a name: it takes a minute or two of real latency.
  { name: 'realistic', load: () => import('./realistic.js'), onlyByName: true },
  // Also only by name: polling only is measured on real minutes (about three).
  { name: 'push', load: () => import('./push.js'), onlyByName: true },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !benches.some((b) => b.name === name));
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark: ${unknown.join(', ')}. Known: ${benches.map((b) => b.name).join(', ') || 'none'}.`,
  );
  process.exit(2);
}
for (const bench of benches) {
  if (wanted.length > 0 ? !wanted.includes(bench.name) : bench.onlyByName) continue;
  console.log(`\n## ${bench.name}\n`);
  const { run } = await bench.load();
  await run();
}
