import { Command, CommanderError } from 'commander';
import { ZoomlinkError, describeError } from '../errors.js';
import { ConfigError } from '../config/index.js';
import { InputError } from './input-error.js';
import { commandsFor, type RegisterCommand } from './commands/index.js';

/**
 * The `zoomlink` command. Each subcommand lives in `commands/<name>.ts` and registers itself; this
 * file only maps failures to exit codes: 2 for bad input or configuration (the line names the
 * field and the fix), 1 for anything else.
 */
export function buildProgram(commands: RegisterCommand[]): Command {
  const program = new Command('zoomlink')
    .description('Gives every Google Workspace room booking a working Zoom meeting.')
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram(await commandsFor(argv));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof InputError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (error instanceof ZoomlinkError) {
      process.stderr.write(`zoomlink: ${error.code}: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`zoomlink: ${describeError(error)}\n`);
    if (error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}
