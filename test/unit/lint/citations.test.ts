import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The repository stands alone: code, docs, tests and the emulators' READMEs cite public sources
 * (a URL, a document with its section or operation id), never the team's private notes that live
 * outside it. A reader of the repository cannot open those notes, so a citation of them explains
 * nothing.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));
const self = relative(root, fileURLToPath(import.meta.url));

const places = ['src', 'docs', 'test', 'bench', 'scripts', 'config', 'README.md'];
/** Lower case; `facts §` also catches "Facts §" and "zoom-api facts §". */
const forbidden = [
  '../shared/',
  'shared/facts',
  'shared/specs',
  'facts §',
  'facts file',
  'zoom-api facts',
  'facts zoom-api',
  // The team's design map is not in this repo; docs/architecture.md holds its decisions.
  'design decision',
  'design.md',
];

function filesUnder(path: string): string[] {
  const absolute = join(root, path);
  if (!statSync(absolute).isDirectory()) return [path];
  return readdirSync(absolute).flatMap((name) => filesUnder(join(path, name)));
}

/** A line without its comment or list marker, for joining to the line before it. */
const continuation = (line: string) => line.replace(/^\s*(?:\*|\/\/|-)?\s*/, '');

const cites = (text: string) => forbidden.some((needle) => text.toLowerCase().includes(needle));

/**
 * `file:line: text` for each line that cites a private note, also where the citation is broken
 * over two lines ("facts" at the end of one comment line, "§4.1" at the start of the next).
 */
function privateCitations(files: readonly string[]): string[] {
  return files.flatMap((file) => {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    return lines.flatMap((text, index) => {
      const next = continuation(lines[index + 1] ?? '');
      const found = cites(text) || (cites(`${text.trimEnd()} ${next}`) && !cites(next));
      return found ? [`${file}:${index + 1}: ${text.trim()}`] : [];
    });
  });
}

describe('citations', () => {
  it('name public sources only, never the private notes outside the repository', () => {
    const files = places.flatMap(filesUnder).filter((file) => file !== self);
    expect(files.length).toBeGreaterThan(100);
    expect(privateCitations(files)).toEqual([]);
  });
});
