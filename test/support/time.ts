/**
 * The tests' clock: every test passes it to the emulators (and the app) so that none depends on
 * the date it runs on. A Monday; Berlin is UTC+1 until the end of March 2030.
 */
export const NOW = '2030-03-04T08:00:00Z';

/** `hour`:`minute` Berlin time (UTC+1 until 2030-03-31), `days` after NOW's date, lasting `minutes`. */
export function berlin(days: number, hour: number, minutes = 60, minute = 0) {
  const day = new Date(Date.parse(NOW) + days * 86_400_000).toISOString().slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  const start = new Date(`${day}T${pad(hour)}:${pad(minute)}:00+01:00`);
  const end = new Date(start.getTime() + minutes * 60_000);
  const berlinText = (d: Date) =>
    `${new Date(d.getTime() + 3_600_000).toISOString().slice(0, 19)}+01:00`;
  return {
    start: { dateTime: berlinText(start), timeZone: 'Europe/Berlin' },
    end: { dateTime: berlinText(end), timeZone: 'Europe/Berlin' },
  };
}
