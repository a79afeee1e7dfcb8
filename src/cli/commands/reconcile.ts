import { Option, type Command } from 'commander';
import type { ReconcileReport } from '../../sync/index.js';
import { withApp } from './sync.js';

/**
 * `zoomlink reconcile [--fix]`: compares the links with Zoom and Google — meetings gone from
 * Zoom, blocks gone from events, passcodes changed in Zoom, series whose Zoom occurrences are not
 * Google's instances, meetings with zoomlink's marker that belong to no booking — and with `--fix`
 * repairs them (a meeting this database did not record creating is only reported). Exits 1 while
 * drift remains.
 */
export function register(program: Command): void {
  program
    .command('reconcile')
    .description('Compare links with Zoom and Google; report (or with --fix repair) the drift.')
    .option(
      '--fix',
      'recreate missing meetings, rewrite blocks, repair occurrences, delete orphans this database made',
    )
    .option('--json', 'print the report as one JSON object')
    .addOption(new Option('--clock-start <iso>').hideHelp())
    .action(async (options: { fix?: boolean; json?: boolean; clockStart?: string }) => {
      await withApp({ clockStart: options.clockStart, lock: options.fix === true }, async (app) => {
        const report = await app.engine.reconcile({ fix: options.fix === true });
        process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : describe(report));
        if (report.findings.some((f) => f.fixed !== true)) process.exitCode = 1;
      });
    });
}

function describe(report: ReconcileReport): string {
  const lines = [
    `Checked ${report.checked} link(s): ${report.findings.length === 0 ? 'no drift' : `${report.findings.length} finding(s)`}`,
  ];
  for (const f of report.findings) {
    const state = f.fixed === undefined ? '' : f.fixed ? ' [fixed]' : ' [not fixed]';
    lines.push(
      `  ${f.kind.replace(/_/g, ' ')}: ${f.detail}${f.eventId ? ` (event ${f.eventId})` : ''}${state}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
