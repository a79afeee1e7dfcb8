import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import {
  ConfigError,
  describeExposedFile,
  filesReadableByOthers,
  hasLiveCredentials,
  loadConfig,
  resolveMode,
  type Config,
} from '../../config/index.js';
import { startDaemon, type RunningDaemon } from '../../daemon/daemon.js';
import { acquireDaemonLock, type DaemonLock } from '../../daemon/lock.js';
import { createDaemonMetrics } from '../../daemon/metrics.js';
import { configureLogger, logger } from '../../log.js';
import { clockFrom, createApp, type App } from '../app.js';
import { startDemo, type Demo } from '../demo.js';
import { InputError } from '../input-error.js';

/**
 * `zoomlink run`: the daemon. Takes the database's lock, builds the app, starts the scheduler and
 * the HTTP server, and on SIGTERM or SIGINT stops taking work, lets the pass in flight finish
 * (up to `shutdown.timeoutSeconds`), closes the store and exits 0 (1 when it had to give up
 * waiting). A second signal exits at once. With no credentials configured, it is the demo.
 */
export function register(program: Command): void {
  program
    .command('run')
    .description(
      'Run the daemon: poll every room on schedule, serve /healthz, /readyz, /metrics and the status page. With no credentials configured: a demo against built-in emulators.',
    )
    .option(
      '--demo-change-seconds <seconds>',
      'demo only: seconds between the booking changes the demo makes (0 = none)',
      '40',
    )
    // For rehearsals against the emulators, whose clocks can be set: the daemon's clock starts
    // at this instant and runs on from there. Hidden: a live daemon must run on real time.
    .addOption(new Option('--clock-start <iso>').hideHelp())
    .action(async (options: { demoChangeSeconds: string; clockStart?: string }) => {
      const every = Number(options.demoChangeSeconds);
      if (!/^\d+$/.test(options.demoChangeSeconds) || every > 86_400)
        throw new InputError(
          `--demo-change-seconds: give whole seconds, 0 to 86400; got "${options.demoChangeSeconds}".`,
        );
      const start = options.clockStart === undefined ? undefined : new Date(options.clockStart);
      if (start && Number.isNaN(start.getTime()))
        throw new InputError(`--clock-start: give an ISO instant; got "${options.clockStart}".`);
      process.exitCode = await runDaemon({
        demoChangeSeconds: every,
        now: start ? clockFrom(start) : () => new Date(),
      });
    });
}

const version = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

async function runDaemon(options: { demoChangeSeconds: number; now: () => Date }): Promise<number> {
  const shutdown = shutdownSignals();
  const configured = loadConfig();
  const mode = resolveMode(configured);
  configureLogger(loggingOf(configured, mode));
  for (const file of filesReadableByOthers(configured, process.env))
    logger.warn(describeExposedFile(file), { ...file, fix: `chmod 600 ${file.path}` });
  if (mode === 'live') assertLiveCredentials(configured);
  let config = configured;

  let demo: Demo | undefined;
  let lock: DaemonLock | undefined;
  let app: App | undefined;
  let daemon: RunningDaemon | undefined;
  let drained = true;
  try {
    if (mode === 'demo') {
      demo = await startDemo({ env: process.env, logger });
      config = demo.config;
    }
    lock = acquireDaemonLock(config.database.path);
    const metrics = createDaemonMetrics({ version, mode });
    app = createApp(config, { observer: metrics.observer, logger, now: options.now });
    daemon = await startDaemon({
      config,
      mode,
      version,
      engine: app.engine,
      store: app.store,
      metrics,
      logger,
      now: options.now,
      limiters: () => app!.limiters(),
      googleChannels: app.google,
    });
    announce(mode, configured.mode === 'demo', config, daemon.url);
    demo?.startChanging(options.demoChangeSeconds);
    const signal = await shutdown.first;
    ({ drained } = await daemon.stop(signal));
  } finally {
    shutdown.stopListening();
    app?.close();
    lock?.release();
    await demo?.close();
  }
  logger.info('zoomlink stopped', { drained });
  // Keep-alive sockets of the API clients may linger a little; nothing is left to do.
  setTimeout(() => process.exit(process.exitCode ?? (drained ? 0 : 1)), 2000).unref();
  return drained ? 0 : 1;
}

/**
 * The demo is watched by a person: its log speaks in sentences (`pretty`) wherever it goes,
 * unless `log.format` asks for JSON outright. The daemon logs as configured.
 */
function loggingOf(config: Config, mode: 'live' | 'demo'): Config['log'] {
  return mode === 'demo' && config.log.format === 'auto'
    ? { ...config.log, format: 'pretty' }
    : config.log;
}

function assertLiveCredentials(config: Config): void {
  if (hasLiveCredentials(config)) return;
  throw new ConfigError([
    'mode is live but the credentials are incomplete: zoomlink needs a Zoom Server-to-Server OAuth app (zoom.accountId, zoom.clientId, zoom.clientSecret) and Google credentials (google.serviceAccountKeyFile with google.adminSubject, or user OAuth). Run `zoomlink doctor` to see what is missing, or unset ZOOMLINK_MODE (mode auto) with no credentials at all to run the demo.',
  ]);
}

function announce(
  mode: 'live' | 'demo',
  demoChosen: boolean,
  config: Config,
  url: string | undefined,
): void {
  const page = url ? `Status page: ${url}` : 'The HTTP server is off (server.enabled is false).';
  if (mode === 'demo') {
    say(
      [
        '',
        `zoomlink DEMO: ${demoChosen ? 'mode is demo' : 'no credentials are configured'}, so zoomlink runs against its built-in`,
        'Google Calendar and Zoom emulators on this machine (three rooms, a dozen bookings).',
        'No real calendar or Zoom account is touched.',
        page,
        'Links appear within seconds; every little while the demo changes a booking so you can watch it sync.',
        'For real accounts see "Google Workspace setup" and "Zoom setup" in README.md, then run `zoomlink doctor`.',
        'Stop with Ctrl-C.',
        '',
      ].join('\n'),
    );
  } else {
    say(`zoomlink is running (${config.sync.schedule}, database ${config.database.path}). ${page}`);
  }
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * The first SIGTERM or SIGINT asks for a graceful stop; a second one, a moment later, exits at
 * once. One Ctrl-C under `npm start` arrives twice within milliseconds (the terminal signals the
 * whole process group, and npm forwards it to its child as well), so a repeat inside
 * `sameSignalWindowMs` is the same request, not an impatient second one.
 */
const sameSignalWindowMs = 1000;

function shutdownSignals() {
  let received: { signal: string; at: number } | undefined;
  let resolveFirst!: (signal: string) => void;
  const first = new Promise<string>((resolve) => (resolveFirst = resolve));
  const onSignal = (signal: NodeJS.Signals) => {
    const at = Date.now();
    if (received) {
      if (at - received.at < sameSignalWindowMs) return;
      logger.warn('second signal: exiting now without waiting', { signal });
      process.exit(1);
    }
    received = { signal, at };
    resolveFirst(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return {
    first,
    stopListening() {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    },
  };
}
