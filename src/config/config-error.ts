import { ZoomlinkError } from '../errors.js';

/** The configuration is wrong: every problem is listed, one per line, each naming its field. */
export class ConfigError extends ZoomlinkError {
  readonly problems: readonly string[];

  constructor(problems: string[]) {
    super(
      'CONFIG_INVALID',
      `The configuration is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nFix these in the file named by ZOOMLINK_CONFIG or in the environment; see the configuration table in README.md.',
    );
    this.problems = problems;
  }
}
