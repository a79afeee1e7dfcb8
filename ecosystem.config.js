// PM2: `pm2 start ecosystem.config.js --env production`, then `pm2 logs zoomlink`, `pm2 stop
// zoomlink`. Fields: https://pm2.keymetrics.io/docs/usage/application-declaration/
//
// This package is ESM ("type": "module"), so PM2 loads this file with Node's require() of an ES
// module (Node 20.19+ and 22+, which package.json's engines ask for) and reads its `apps` export
// (PM2 does not look at a default export).
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/** `shutdown.timeoutSeconds` (config/default.json). If you raise it, raise this with it. */
const shutdownTimeoutSeconds = 20;

export const apps = [
  {
    name: 'zoomlink',
    cwd: here,
    // The built entry: bin/zoomlink.js runs dist/ (build it first with `npm run build`).
    script: 'bin/zoomlink.js',
    args: 'run',
    // One daemon per database (zoomlink refuses a second one anyway): never cluster mode.
    exec_mode: 'fork',
    instances: 1,
    autorestart: true,
    // Restarts back off exponentially (from 0.5 s up to PM2's cap of 15 s) while it keeps
    // crashing, instead of hammering Google and Zoom; a run of 30 s counts as a good start.
    exp_backoff_restart_delay: 500,
    min_uptime: '30s',
    max_memory_restart: '512M',
    // A small young generation, and a full collection once the heap is 30 % above what it kept
    // last time: V8's defaults let a busy sync's garbage grow the heap to several times what is
    // live (zoomlink keeps about 25 MB), which `npm run bench sync` and `bench realistic`
    // measure as over 200 MiB RSS for 10,000 links; with these, under 150 MiB, at some more CPU.
    // Neither is a hard limit (the heap still grows with what is live).
    node_args: ['--max-semi-space-size=1', '--heap-growing-percent=30'],
    // `pm2 stop` sends SIGINT (PM2 has no per-app signal setting), which zoomlink treats like
    // SIGTERM: it finishes the pass in flight. PM2 must wait longer than that before SIGKILL.
    kill_timeout: (shutdownTimeoutSeconds + 10) * 1000,
    // zoomlink's log lines are JSON with their own timestamps.
    out_file: 'logs/zoomlink.out.log',
    error_file: 'logs/zoomlink.err.log',
    merge_logs: true,
    env: {
      NODE_ENV: 'production',
      ZOOMLINK_LOG_FORMAT: 'json',
    },
    // `--env production`: the real daemon only. Missing credentials stop it with a clear error
    // instead of falling back to the demo. Put secrets in the file named by ZOOMLINK_CONFIG or in
    // files it points to, not here.
    env_production: {
      NODE_ENV: 'production',
      ZOOMLINK_MODE: 'live',
      ZOOMLINK_LOG_FORMAT: 'json',
      ZOOMLINK_CONFIG: '/etc/zoomlink/zoomlink.json',
    },
    // `--env demo`: the built-in demo (emulators), for trying PM2 itself.
    env_demo: {
      NODE_ENV: 'development',
      ZOOMLINK_MODE: 'demo',
      ZOOMLINK_LOG_FORMAT: 'json',
    },
  },
];
