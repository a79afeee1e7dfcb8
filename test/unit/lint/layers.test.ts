import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layer rule (eslint/layers.js) refuses a deliberate wrong import, and lets the right ones
 * through: the project's own ESLint configuration, run on text placed at a path inside `src/`.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'zoomlink/layers').map((m) => m.message);
}

describe('the layer rule', () => {
  it('refuses an import from apply/ or passes/ in the pure planner', async () => {
    const errors = await layerErrors(
      'src/sync/plan/wrong.ts',
      "import { applyActions } from '../apply/apply-actions.js';\nexport const x = applyActions;\n",
    );
    expect(errors).toEqual([
      expect.stringContaining('src/sync/plan may not import from src/sync/apply'),
    ]);
    expect(
      await layerErrors(
        'src/sync/plan/deeper/wrong.ts',
        "export { processEvent } from '../../passes/process-event.js';\n",
      ),
    ).toEqual([expect.stringContaining('src/sync/plan may not import from src/sync/passes')]);
  });

  it('refuses upward imports between the layers, and an adapter’s library elsewhere', async () => {
    expect(
      await layerErrors(
        'src/recurrence/wrong.ts',
        "import { logger } from '../log.js';\nexport const x = logger;\n",
      ),
    ).toEqual([expect.stringContaining('src/recurrence may not import from src/log.ts')]);
    expect(
      await layerErrors(
        'src/emulators/google/wrong.ts',
        "import { isLiveLink } from '../../sync/plan/booking-state.js';\nexport const x = isLiveLink;\n",
      ),
    ).toEqual([expect.stringContaining('src/emulators may not import from src/sync/plan')]);
    expect(
      await layerErrors(
        'src/sync/apply/wrong.ts',
        "import axios from 'axios';\nexport const x = axios;\n",
      ),
    ).toEqual([expect.stringContaining('may not import axios')]);
  });

  it('lets the layers import downwards', async () => {
    expect(
      await layerErrors(
        'src/sync/passes/right.ts',
        "import { applyActions } from '../apply/apply-actions.js';\nimport { planEventSync } from '../plan/plan-event.js';\nexport const x = [applyActions, planEventSync];\n",
      ),
    ).toEqual([]);
    expect(
      await layerErrors(
        'src/emulators/kit/right.ts',
        "export { startGoogleEmulator } from '../google/index.js';\n",
      ),
    ).toEqual([]);
  });
});
