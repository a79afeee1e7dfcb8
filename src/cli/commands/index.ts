import type { Command } from 'commander';

/**
 * Every subcommand, in the order `zoomlink --help` lists them. Each module exports
 * `register(program)`; add one line here per command. Modules are loaded only when needed: a
 * command that reads stdin should not pay for loading googleapis (seconds under tsx).
 */
export type RegisterCommand = (program: Command) => void;

export const commandLoaders: Record<string, () => Promise<{ register: RegisterCommand }>> = {
  convert: () => import('./convert.js'),
  zoom: () => import('./zoom.js'),
  google: () => import('./google.js'),
  emulators: () => import('./emulators.js'),
  sync: () => import('./sync.js'),
  plan: () => import('./plan.js'),
  status: () => import('./status.js'),
  links: () => import('./links.js'),
  pool: () => import('./pool.js'),
  reconcile: () => import('./reconcile.js'),
  decommission: () => import('./decommission.js'),
  run: () => import('./run.js'),
  doctor: () => import('./doctor.js'),
};

/** The register functions for `argv`: only the named command's, or all of them for help. */
export async function commandsFor(argv: readonly string[]): Promise<RegisterCommand[]> {
  const name = argv.find((arg) => !arg.startsWith('-'));
  const names =
    name !== undefined && Object.hasOwn(commandLoaders, name)
      ? [name]
      : Object.keys(commandLoaders);
  const modules = await Promise.all(names.map((n) => commandLoaders[n]!()));
  return modules.map((m) => m.register);
}
