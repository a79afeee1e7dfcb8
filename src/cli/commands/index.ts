import type { Command } from 'commander';
import { register as convert } from './convert.js';
import { register as doctor } from './doctor.js';
import { register as emulators } from './emulators.js';
import { register as google } from './google.js';
import { register as links } from './links.js';
import { register as reconcile } from './reconcile.js';
import { register as run } from './run.js';
import { register as status } from './status.js';
import { register as sync } from './sync.js';
import { register as zoom } from './zoom.js';

/**
 * Every subcommand, in the order `zoomlink --help` lists them. Each module exports
 * `register(program)`; add one line here per command.
 */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [
  convert,
  zoom,
  google,
  emulators,
  sync,
  status,
  links,
  reconcile,
  run,
  doctor,
];
