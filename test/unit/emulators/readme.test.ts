import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { googleSwitchDefinitions } from '../../../src/emulators/google/index.js';
import {
  latencySwitchDefinitions,
  type SwitchDefinitions,
} from '../../../src/emulators/kit/index.js';
import { zoomSwitchDefinitions } from '../../../src/emulators/zoom/index.js';

const readmeOf = (emulator: string) =>
  readFileSync(new URL(`../../../src/emulators/${emulator}/README.md`, import.meta.url), 'utf8');

/** The README's switch table: name -> its cells (the why of each switch lives only there). */
function switchRows(readme: string): Map<string, string[]> {
  const section = readme.slice(readme.indexOf('\n## Switches'));
  const rows = new Map<string, string[]>();
  for (const line of section.slice(0, section.indexOf('\n## ', 1)).split('\n')) {
    const name = /^\| `(\w+)` \|/.exec(line)?.[1];
    if (name)
      rows.set(
        name,
        line
          .slice(1, -1)
          .split(' | ')
          .map((cell) => cell.trim()),
      );
  }
  return rows;
}

/**
 * Each emulator's README holds one row per switch: its values, its default and why it is a
 * switch. `quote` is how the README writes a value; `defaultColumn` where it names the default
 * (Google's lists the default first, in the values column).
 */
function checkSwitchTable(
  emulator: string,
  definitions: SwitchDefinitions,
  quote: (value: unknown) => string,
  defaultColumn: number,
) {
  const rows = switchRows(readmeOf(emulator));
  const all: SwitchDefinitions = { ...latencySwitchDefinitions, ...definitions };
  for (const [name, definition] of Object.entries(all)) {
    const row = rows.get(name);
    expect(row, `README row for switch ${name}`).toBeDefined();
    const [, values = '', ...rest] = row ?? [];
    const defaults = defaultColumn === 1 ? values : (rest[0] ?? '');
    expect(rest.at(-1)?.length ?? 0, `why ${name} is a switch`).toBeGreaterThan(30);
    if ('range' in definition) {
      expect(values).toContain(`${definition.range.min}–${definition.range.max}`);
      expect(defaults).toContain(quote(definition.default));
      continue;
    }
    for (const value of definition.values) expect(values).toContain(quote(value));
    const fallback = quote(definition.values[0]);
    if (defaultColumn === 1)
      expect(values.startsWith(fallback), `${name}: default first`).toBe(true);
    else expect(defaults).toContain(fallback);
  }
  const unknown = [...rows.keys()].filter((name) => !(name in all));
  expect(unknown, 'README rows for switches that do not exist').toEqual([]);
}

describe('emulator READMEs', () => {
  it("Zoom's documents every switch with its values, default and why", () => {
    checkSwitchTable('zoom', zoomSwitchDefinitions, (v) => `\`${JSON.stringify(v)}\``, 2);
  });

  it("Google's documents every switch with its values (default first) and why", () => {
    checkSwitchTable('google', googleSwitchDefinitions, (v) => `\`${String(v)}\``, 1);
  });

  it("Zoom's documents every control endpoint the emulator adds", () => {
    const readme = readmeOf('zoom');
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
