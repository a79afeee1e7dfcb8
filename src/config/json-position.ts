/**
 * Where a JSON text first goes wrong, as a line and a column (both from 1; a tab is one
 * column), or undefined when it is valid JSON (RFC 8259). `JSON.parse` says where only in its
 * message, and there with an excerpt of the text around the mistake: in a configuration file
 * that excerpt can be a secret, so the position is found here and the text is never shown.
 */
export interface TextPosition {
  line: number;
  column: number;
}

export function jsonErrorPosition(text: string): TextPosition | undefined {
  const offset = firstErrorOffset(text);
  if (offset === undefined) return undefined;
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

class Stop {
  constructor(readonly offset: number) {}
}

function firstErrorOffset(text: string): number | undefined {
  let i = 0;
  const fail = (): never => {
    throw new Stop(i);
  };
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i += 1;
  };
  const expect = (char: string) => {
    if (text[i] !== char) fail();
    i += 1;
  };
  const digits = () => {
    if (!/[0-9]/.test(text[i] ?? '')) fail();
    while (/[0-9]/.test(text[i] ?? '')) i += 1;
  };
  const string = () => {
    expect('"');
    for (;;) {
      const char = text[i];
      if (char === undefined || char < ' ') fail();
      i += 1;
      if (char === '"') return;
      if (char !== '\\') continue;
      const escape = text[i];
      if (escape === 'u') {
        i += 1;
        for (let k = 0; k < 4; k += 1) {
          if (!/[0-9a-f]/i.test(text[i] ?? '')) fail();
          i += 1;
        }
      } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) {
        i += 1;
      } else {
        fail();
      }
    }
  };
  const number = () => {
    if (text[i] === '-') i += 1;
    if (text[i] === '0') i += 1;
    else digits();
    if (text[i] === '.') {
      i += 1;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i += 1;
      if (text[i] === '+' || text[i] === '-') i += 1;
      digits();
    }
  };
  const literal = (word: string) => {
    for (const char of word) expect(char);
  };
  const value = (): void => {
    skipSpace();
    const char = text[i];
    if (char === '{')
      return members('}', () => {
        string();
        skipSpace();
        expect(':');
        value();
      });
    if (char === '[') return members(']', value);
    if (char === '"') return string();
    if (char === '-' || /[0-9]/.test(char ?? '')) return number();
    if (char === 't') return literal('true');
    if (char === 'f') return literal('false');
    if (char === 'n') return literal('null');
    fail();
  };
  /** `{…}` or `[…]`: items separated by commas, none after the last. */
  const members = (close: string, item: () => void) => {
    i += 1;
    skipSpace();
    if (text[i] === close) {
      i += 1;
      return;
    }
    for (;;) {
      skipSpace();
      item();
      skipSpace();
      if (text[i] === close) {
        i += 1;
        return;
      }
      expect(',');
    }
  };
  try {
    value();
    skipSpace();
    if (i < text.length) fail();
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return error.offset;
    throw error;
  }
}
