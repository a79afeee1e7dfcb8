import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zoomSwitchDefinitions } from '../../../../src/emulators/zoom/index.js';

describe('Zoom emulator README', () => {
  const readme = readFileSync(
    new URL('../../../../src/emulators/zoom/README.md', import.meta.url),
    'utf8',
  );

  it('documents every switch with its values and default', () => {
    for (const [name, definition] of Object.entries(zoomSwitchDefinitions)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row, `README row for switch ${name}`).toBeDefined();
      if ('range' in definition) {
        expect(row).toContain(`${definition.range.min}–${definition.range.max}`);
        expect(row!.split('|')[3]).toContain(JSON.stringify(definition.default));
        continue;
      }
      const fallback = 'default' in definition ? definition.default : definition.values[0];
      for (const value of definition.values) expect(row).toContain(`\`${JSON.stringify(value)}\``);
      expect(row!.split('|')[3]).toContain(JSON.stringify(fallback));
    }
  });

  it('documents every control endpoint the emulator adds', () => {
    for (const endpoint of [
      'GET /_emulator/state',
      'POST /_emulator/users',
      'POST /_emulator/tokens/expire',
      'POST /_emulator/meetings/{meetingId}/start',
      'POST /_emulator/join-url',
      'POST /_emulator/webhooks',
      'GET /_emulator/webhooks',
      'POST /_emulator/meetings/{meetingId}/edit',
      'POST /_emulator/meetings/{meetingId}/delete',
    ])
      expect(readme).toContain(endpoint);
  });
});
