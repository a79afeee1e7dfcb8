import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { register } from '../../src/cli/commands/sync.js';

/**
 * `zoomlink sync --once --json` (the command's own code), started ahead of time: it loads, says
 * `ready`, and runs when the test writes `go <clock start>` on stdin. The SIGKILL test keeps one
 * loaded so that killing a process and starting the next costs no module loading.
 */
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
const go = await new Promise<string>((resolve) => lines.once('line', resolve));
lines.close();
const [, clockStart] = go.split(' ');
const program = new Command('zoomlink').exitOverride();
register(program);
try {
  await program.parseAsync(['sync', '--once', '--json', '--clock-start', clockStart!], {
    from: 'user',
  });
} catch (error) {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
}
