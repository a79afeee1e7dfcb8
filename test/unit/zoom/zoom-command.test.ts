import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/cli/input-error.js';
import { parseMeetingId, parseWindowEdge } from '../../../src/cli/commands/zoom.js';

describe('zoomlink zoom: flag parsing', () => {
  it('reads a date as a whole UTC day', () => {
    expect(parseWindowEdge('--from', '2024-05-30', 'start').toISOString()).toBe(
      '2024-05-30T00:00:00.000Z',
    );
    expect(parseWindowEdge('--to', '2024-05-30', 'end').toISOString()).toBe(
      '2024-05-31T00:00:00.000Z',
    );
    expect(parseWindowEdge('--to', '2024-12-31', 'end').toISOString()).toBe(
      '2025-01-01T00:00:00.000Z',
    );
  });

  it('reads an ISO instant with a zone as that instant', () => {
    expect(parseWindowEdge('--from', '2024-05-30T09:00:00+02:00', 'start').toISOString()).toBe(
      '2024-05-30T07:00:00.000Z',
    );
    expect(parseWindowEdge('--to', '2024-05-30T09:00Z', 'end').toISOString()).toBe(
      '2024-05-30T09:00:00.000Z',
    );
  });

  it('refuses impossible dates, zone-less times and words, naming the flag', () => {
    for (const bad of ['2024-02-30', '2024-05-30T09:00:00', 'tomorrow', '30/05/2024', '']) {
      expect(() => parseWindowEdge('--from', bad, 'start')).toThrow(InputError);
      expect(() => parseWindowEdge('--from', bad, 'start')).toThrow(/^--from: /);
    }
  });

  it('reads meeting ids as Zoom prints or stores them', () => {
    expect(parseMeetingId('858 2760 3144')).toBe(85827603144);
    expect(parseMeetingId('85827603144')).toBe(85827603144);
    for (const bad of ['12ab', '123', '-85827603144', '1234567890123', '']) {
      expect(() => parseMeetingId(bad)).toThrow(/^meetingId: /);
    }
  });

  it('property: every 9 to 12 digit id survives being printed with spaces', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100_000_000, max: 999_999_999_999 }), (id) => {
        const printed = String(id).replace(/(\d{3})(\d{4})(\d+)/, '$1 $2 $3');
        return parseMeetingId(printed) === id;
      }),
    );
  });
});
