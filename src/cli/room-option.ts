import type { Command } from 'commander';

/** `--room <calendarId>`, repeatable (sync, plan, decommission): the room calendars named. */
export function roomOption(command: Command, what: string): Command {
  return command.option(
    '--room <calendarId>',
    `${what} (repeat for more)`,
    (value: string, all: string[]) => [...all, value],
    [] as string[],
  );
}
