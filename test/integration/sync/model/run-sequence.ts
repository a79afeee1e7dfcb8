import fc from 'fast-check';
import type { ModelCommand } from './commands.js';
import { Check } from './world-commands.js';
import { newModel } from './model.js';
import { startWorld } from './world.js';

/**
 * One sequence of commands against a fresh world (new emulators, a new database), ending with a
 * check of the invariant. `replay` runs a fixed list (a kept regression case) the same way.
 */
export async function runSequence(commands: Iterable<ModelCommand>): Promise<void> {
  const world = await startWorld();
  try {
    const model = newModel();
    await fc.asyncModelRun(() => ({ model, real: world }), commands);
    await new Check().run(model, world);
    if (process.env.ZOOMLINK_MODEL_TRACE)
      console.log(
        [...commands].map(String).join('\n'),
        `\n=> ${(await world.h.meetings()).length} meetings, ${world.kills} kills`,
      );
  } finally {
    await world.close();
  }
}
