import type { Command } from 'commander';

/**
 * Every subcommand, in the order `zoomlink --help` lists them. Each module exports
 * `register(program)`; add one line here per command.
 */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [];
