import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../support/node-bundle.js';

const entry = fileURLToPath(new URL('./sync-crash-child.ts', import.meta.url));

export interface ChildCommand {
  /** argv for `node`. */
  args: string[];
  cleanup(): void;
}

/**
 * How to start the crash test's child. Loading the TypeScript sources through tsx costs a
 * couple of seconds of CPU per process, and the SIGKILL test starts dozens, so the child is
 * bundled once.
 */
export async function childCommand(): Promise<ChildCommand> {
  const bundle = await bundleForNode(entry, 'zoomlink-sync-child-');
  return { args: [bundle.file], cleanup: bundle.cleanup };
}
