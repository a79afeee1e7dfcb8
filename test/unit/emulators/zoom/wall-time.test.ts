import { describe, expect, it } from 'vitest';
import { parseStartTime, zoneNamed } from '../../../../src/emulators/zoom/wall-time.js';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const berlin = zoneNamed('Europe/Berlin')!;
const newYork = zoneNamed('America/New_York')!;

describe("start_time parsing (the emulator's own)", () => {
  it.each([
    ['2024-03-11T10:00:00Z', berlin, '2024-03-11T10:00:00.000Z'],
    ['2024-03-11T10:00:00', berlin, '2024-03-11T09:00:00.000Z'],
    ['2024-07-11T10:00:00', berlin, '2024-07-11T08:00:00.000Z'],
    ['2024-03-11T10:00:00+05:30', berlin, '2024-03-11T04:30:00.000Z'],
    ['2024-03-11T10:00', newYork, '2024-03-11T14:00:00.000Z'],
    ['2024-03-11T10:00:00.789Z', berlin, '2024-03-11T10:00:00.000Z'],
    // Clocks go forward at 02:00 Berlin: 02:30 does not exist and moves on by the gap.
    ['2024-03-31T02:30:00', berlin, '2024-03-31T01:30:00.000Z'],
    // Clocks go back at 02:00 New York: 01:30 happens twice; the first one counts.
    ['2024-11-03T01:30:00', newYork, '2024-11-03T05:30:00.000Z'],
  ])('reads %s in %s as %s', (value, zone, expected) => {
    expect(iso(parseStartTime(value, zone))).toBe(expected);
  });

  it.each([
    '2024-02-30T10:00:00',
    '2024-13-01T10:00:00',
    '2024-03-11 10:00:00',
    'soon',
    '2024-03-11T24:00:00',
  ])('refuses %s', (value) => {
    expect(parseStartTime(value, berlin)).toBeUndefined();
  });

  it('knows time zone IDs and refuses others', () => {
    expect(zoneNamed('Asia/Taipei')).toBeDefined();
    expect(zoneNamed('UTC')).toBeDefined();
    expect(zoneNamed('Mars/Olympus')).toBeUndefined();
  });
});
