import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorPosition } from '../../src/config/json-position.js';

/** Line and column of an offset, as an editor shows them. */
function positionOf(text: string, offset: number) {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** JSON text with one character inserted, deleted or replaced somewhere. */
const damagedJson = fc
  .tuple(
    fc.jsonValue(),
    fc.constantFrom(0, 2),
    fc.nat(),
    fc.constantFrom('insert', 'delete', 'replace'),
    fc.constantFrom(...'{}[]":,.-+0123456789eEtfnul \n\t\\x'.split('')),
  )
  .map(([value, indent, at, how, char]) => {
    const text = JSON.stringify(value, null, indent);
    const i = text.length === 0 ? 0 : at % text.length;
    if (how === 'insert') return text.slice(0, i) + char + text.slice(i);
    if (how === 'delete') return text.slice(0, i) + text.slice(i + 1);
    return text.slice(0, i) + char + text.slice(i + 1);
  });

describe('jsonErrorPosition', () => {
  it('finds no error exactly where JSON.parse finds none, and the same place where it says one', () => {
    fc.assert(
      fc.property(fc.oneof(damagedJson, fc.string()), (text) => {
        let parsed = true;
        let message = '';
        try {
          JSON.parse(text);
        } catch (error) {
          parsed = false;
          message = (error as Error).message;
        }
        const position = jsonErrorPosition(text);
        expect(position === undefined).toBe(parsed);
        const offset = /at position (\d+)/.exec(message)?.[1];
        if (offset !== undefined) expect(position).toEqual(positionOf(text, Number(offset)));
      }),
      { numRuns: 3000 },
    );
  });

  it('counts lines from 1 and columns from 1, a tab as one column', () => {
    expect(jsonErrorPosition('{\n\t"a": x}')).toEqual({ line: 2, column: 7 });
    expect(jsonErrorPosition('[1,]')).toEqual({ line: 1, column: 4 });
    expect(jsonErrorPosition('"\\q"')).toEqual({ line: 1, column: 3 });
    expect(jsonErrorPosition('{"a": 01}')).toEqual({ line: 1, column: 8 });
    expect(jsonErrorPosition(' {"a": [true, null, -1.5e+3, "\\u00e9"]} ')).toBeUndefined();
  });
});
