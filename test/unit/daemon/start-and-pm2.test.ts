import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// Plain JavaScript files of the package (no types): imported by a path held in a variable.
const startScript = '../../../scripts/start.js';
const ecosystemFile = '../../../ecosystem.config.js';
const { needsBuild } = (await import(startScript)) as {
  needsBuild(dir: string): string | undefined;
};
const { apps } = (await import(ecosystemFile)) as { apps: Array<Record<string, unknown>> };

describe('npm start: build only when dist/ is missing or older than its sources', () => {
  let dir: string;
  const write = (path: string, at: number) => {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '');
    utimesSync(file, at, at);
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zoomlink-start-'));
    write('src/cli/main.ts', 1000);
    write('src/daemon/daemon.ts', 1000);
    write('tsconfig.json', 1000);
    write('package.json', 1000);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('builds a fresh clone (no dist/)', () => {
    expect(needsBuild(dir)).toBe('dist/ is missing');
  });

  it('runs a build that is newer than every source', () => {
    write('dist/cli/main.js', 2000);
    write('dist/daemon/daemon.js', 2000);
    expect(needsBuild(dir)).toBeUndefined();
  });

  it('builds again when a source changed after the build, and names it', () => {
    write('dist/cli/main.js', 2000);
    write('dist/daemon/daemon.js', 2000);
    write('src/daemon/daemon.ts', 3000);
    expect(needsBuild(dir)).toBe(`${join('src', 'daemon', 'daemon.ts')} is newer than dist/`);
  });

  it('dates the build by its oldest output (a half-finished build is stale)', () => {
    write('dist/cli/main.js', 2000);
    write('dist/daemon/daemon.js', 500);
    expect(needsBuild(dir)).toMatch(/is newer than dist\/$/);
  });

  it('builds again when the TypeScript settings changed', () => {
    write('dist/cli/main.js', 2000);
    write('tsconfig.json', 3000);
    expect(needsBuild(dir)).toBe('tsconfig.json is newer than dist/');
  });
});

describe('ecosystem.config.js (PM2)', () => {
  const app = apps[0]!;
  const defaults = JSON.parse(
    readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'),
  ) as { shutdown: { timeoutSeconds: number } };

  it('runs one zoomlink in fork mode from the built entry', () => {
    expect(apps).toHaveLength(1);
    expect(app).toMatchObject({
      name: 'zoomlink',
      exec_mode: 'fork',
      instances: 1,
      script: 'bin/zoomlink.js',
      args: 'run',
      autorestart: true,
    });
  });

  it('waits longer than zoomlink’s own shutdown timeout before SIGKILL', () => {
    expect(app.kill_timeout).toBeGreaterThan(defaults.shutdown.timeoutSeconds * 1000);
  });

  it('restarts with backoff, under a memory limit, logging to files', () => {
    expect(app.exp_backoff_restart_delay).toBeGreaterThan(0);
    expect(app.max_memory_restart).toMatch(/^\d+M$/);
    expect(app.out_file).toMatch(/\.log$/);
    expect(app.error_file).toMatch(/\.log$/);
  });

  it('has an environment per --env, and production never falls back to the demo', () => {
    expect(app.env_production).toMatchObject({ ZOOMLINK_MODE: 'live' });
    expect(app.env_demo).toMatchObject({ ZOOMLINK_MODE: 'demo' });
  });
});
