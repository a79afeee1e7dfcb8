import { describe, expect, it } from 'vitest';
import { isoFromMs, isoInstant, isoInstantOrText } from '../../../src/util/instant.js';

describe('instants in the store’s form', () => {
  it('one instant written by Google (offsets), Zoom (no milliseconds) or as an occurrence id is one string', () => {
    const forms = [
      isoInstant('2030-03-05T10:00:00+01:00'),
      isoInstant('2030-03-05T14:30:00+05:30'),
      isoInstant('2030-03-05T09:00:00Z'),
      isoInstant('2030-03-05T09:00:00.000Z'),
      isoFromMs(Number('1898931600000')),
    ];
    expect(new Set(forms)).toEqual(new Set(['2030-03-05T09:00:00.000Z']));
  });

  it('refuses text that is not an instant, or keeps it when asked to', () => {
    expect(() => isoInstant('next Tuesday')).toThrow(RangeError);
    expect(isoInstantOrText('next Tuesday')).toBe('next Tuesday');
    expect(isoInstantOrText('2030-03-05T10:00:00+01:00')).toBe('2030-03-05T09:00:00.000Z');
  });
});
