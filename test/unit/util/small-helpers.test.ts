import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../src/util/decode-body.js';
import { guarded } from '../../../src/util/guarded.js';

describe('decodeBody', () => {
  it('parses JSON text, keeps other text, and reads an empty body as none', () => {
    expect(decodeBody('{"code":124}')).toEqual({ code: 124 });
    expect(decodeBody('<html>Bad gateway</html>')).toBe('<html>Bad gateway</html>');
    expect(decodeBody('  ')).toBeUndefined();
    expect(decodeBody('')).toBeUndefined();
  });

  it('leaves a body the HTTP client already parsed as it is', () => {
    const parsed = { error: { code: 403 } };
    expect(decodeBody(parsed)).toBe(parsed);
    expect(decodeBody(undefined)).toBeUndefined();
  });
});

describe('guarded', () => {
  it('swallows what an observer throws and still calls it with its own `this`', () => {
    const seen: number[] = [];
    const observer = {
      offset: 10,
      call(n: number) {
        seen.push(n + this.offset);
        throw new Error('broken');
      },
    };
    expect(() => guarded(observer).call(1)).not.toThrow();
    expect(seen).toEqual([11]);
  });

  it('leaves a missing callback missing', () => {
    const observer: { call?: () => void } = {};
    expect(guarded(observer).call).toBeUndefined();
  });
});
