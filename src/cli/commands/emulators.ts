import type { Command } from 'commander';
import { startEmulators, type Seed } from '../../emulators/index.js';
import { InputError } from '../input-error.js';

/**
 * `zoomlink emulators`: the Google Calendar and Zoom emulators on 127.0.0.1 for trying zoomlink
 * without accounts. Prints one JSON line (URLs, credentials, `env` to point zoomlink at them,
 * rooms, people) once both answer, then serves until SIGTERM or SIGINT.
 */
export function register(program: Command): void {
  program
    .command('emulators')
    .description(
      'Run the Google Calendar and Zoom emulators on 127.0.0.1 and print how to reach them.',
    )
    .option('--seed <seed>', 'none | org (rooms, hosts, people) | demo (org plus bookings)', 'org')
    .option('--zoom-port <port>', 'port of the Zoom emulator (0 or absent: any free port)')
    .option('--google-port <port>', 'port of the Google emulator (0 or absent: any free port)')
    .action(async (options: { seed: string; zoomPort?: string; googlePort?: string }) => {
      if (!['none', 'org', 'demo'].includes(options.seed))
        throw new InputError(`--seed: use none, org or demo; got "${options.seed}".`);
      const running = await startEmulators({
        seed: options.seed as Seed,
        zoomPort: port('--zoom-port', options.zoomPort),
        googlePort: port('--google-port', options.googlePort),
      });
      const stopped = new Promise<void>((resolve) => {
        process.once('SIGTERM', () => resolve());
        process.once('SIGINT', () => resolve());
      });
      try {
        await Promise.all([answers(running.zoom.controlUrl), answers(running.google.controlUrl)]);
        process.stdout.write(`${JSON.stringify(running)}\n`);
        await stopped;
      } finally {
        await running.close();
      }
    });
}

function port(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535)
    throw new InputError(`${flag}: give a port number 0-65535; got "${value}".`);
  return n;
}

/** Waits until an emulator's control API answers (it listens already; this proves it over HTTP). */
async function answers(controlUrl: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const response = await fetch(`${controlUrl}/clock`);
      if (response.ok) return;
    } catch (error) {
      if (attempt >= 50) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
