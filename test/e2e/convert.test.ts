import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/zoomlink.js', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `zoomlink convert <args>` as a child process (the sources through tsx), `input` on stdin. */
function convert(input: string, args: string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const { ZOOMLINK_CONFIG: _ignored, ...env } = process.env;
    const child = spawn(process.execPath, [bin, 'convert', ...args], {
      env: { ...env, NODE_ENV: 'test' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const seed = {
  summary: '資訊週會',
  start: { dateTime: '2021-12-27T15:30:00+08:00', timeZone: 'Asia/Taipei' },
  end: { dateTime: '2021-12-27T16:30:00+08:00', timeZone: 'Asia/Taipei' },
  recurrence: ['RRULE:FREQ=WEEKLY;WKST=SU;UNTIL=20220131T155959Z;BYDAY=MO'],
};

/** Each child pays for starting Node and tsx; they run side by side. */
describe.concurrent('zoomlink convert (child process)', () => {
  it('prints the proven series as JSON', async () => {
    const run = await convert(JSON.stringify(seed), ['--now', '2021-12-20T00:00:00Z']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({
      strategy: 'series',
      meeting: {
        type: 8,
        start_time: '2021-12-27T15:30:00',
        timezone: 'Asia/Taipei',
        recurrence: { type: 2, repeat_interval: 1, weekly_days: '2', end_times: 6 },
      },
      deleteOccurrences: [],
      window: {
        from: '2021-12-27T07:30:00.000Z',
        to: '2022-01-31T07:30:00.000Z',
        complete: true,
      },
    });
  });

  it('--format text --lang zh-TW describes the series as a Zoom invitation does', async () => {
    const run = await convert(JSON.stringify(seed), [
      '--now',
      '2021-12-20T00:00:00Z',
      '--format',
      'text',
      '--lang',
      'zh-TW',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('每星期的星期一, 到 2022年1月31日結束, 共 6 次會議');
  });

  it('--format text names the series Zoom makes and the occurrences removed from it', async () => {
    // The 1st and 3rd Monday: a weekly series minus the Mondays Google does not have.
    const firstAndThird = { ...seed, recurrence: ['RRULE:FREQ=MONTHLY;BYDAY=1MO,3MO;COUNT=4'] };
    const run = await convert(JSON.stringify(firstAndThird), [
      '--now',
      '2021-12-20T00:00:00Z',
      '--format',
      'text',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // Google: Jan 3, Jan 17, Feb 7, Feb 21 (the event starts Dec 27, not on the rule's days).
    expect(run.stdout).toContain('Zoom series: weekly on Monday, 9 occurrences, 4 removed');
    expect(run.stdout).toContain(
      'Zoom occurrences to delete: 2022-01-10T07:30:00.000Z, 2022-01-24T07:30:00.000Z, 2022-01-31T07:30:00.000Z, 2022-02-14T07:30:00.000Z',
    );
  });

  it('--max-extra and --cap bound the extras; past them, --fallback per_occurrence applies', async () => {
    const yearly = { ...seed, recurrence: ['RRULE:FREQ=YEARLY;COUNT=3'] };
    const now = ['--now', '2021-12-20T00:00:00Z'];
    const series = await convert(JSON.stringify(yearly), now);
    expect(series.code).toBe(0);
    expect(JSON.parse(series.stdout)).toMatchObject({
      strategy: 'series',
      meeting: { recurrence: { type: 3, repeat_interval: 3, monthly_day: 27, end_times: 9 } },
    });
    const args = [...now, '--fallback', 'per_occurrence', '--horizon-days', '366'];
    for (const limit of [
      ['--max-extra', '2'],
      ['--cap', '2'],
    ]) {
      const run = await convert(JSON.stringify(yearly), [...args, ...limit]);
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout) as {
        strategy: string;
        reasonCode: string;
        meetings: unknown[];
      };
      expect(result).toMatchObject({ strategy: 'per_occurrence', reasonCode: 'too_many_extras' });
      expect(result.meetings).toHaveLength(2);
    }
  });

  it('a valid rule with parts RFC 5545 leaves undefined for its frequency is answered, exit 0', async () => {
    const odd = { ...seed, recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=2MO;BYYEARDAY=3;COUNT=3'] };
    const run = await convert(JSON.stringify(odd), ['--now', '2021-12-20T00:00:00Z']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // Read as dateutil reads it: the ordinal dropped, BYYEARDAY a filter (Jan 3 2022 is a Monday).
    expect(JSON.parse(run.stdout)).toMatchObject({
      strategy: 'series',
      occurrences: ['2021-12-27T07:30:00.000Z', '2022-01-03T07:30:00.000Z'],
      window: { complete: false },
    });
  });

  const malformed: [string, string, RegExp][] = [
    ['not JSON', '{"start": ', /^stdin: not JSON/],
    ['no start', JSON.stringify({ ...seed, start: undefined }), /^start: is missing/],
    [
      'an unknown time zone',
      JSON.stringify({ ...seed, start: { ...seed.start, timeZone: 'Mars/Olympus_Mons' } }),
      /^start\.timeZone: "Mars\/Olympus_Mons" is not a known IANA time zone/,
    ],
    [
      'a malformed RRULE',
      JSON.stringify({ ...seed, recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MONDAY'] }),
      /^recurrence\[0\]: BYDAY value "MONDAY"/,
    ],
    [
      'end before start',
      JSON.stringify({
        ...seed,
        end: { dateTime: '2021-12-27T14:30:00+08:00', timeZone: 'Asia/Taipei' },
      }),
      /^end: .* is before start/,
    ],
  ];
  it.each(malformed)(
    '%s → exit 2 and one line on stderr naming the field',
    async (_name, input, line) => {
      const run = await convert(input, ['--now', '2021-12-20T00:00:00Z']);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.endsWith('\n')).toBe(true);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(line);
    },
  );

  it('a bad flag → exit 2 naming the flag', async () => {
    const run = await convert(JSON.stringify(seed), ['--cap', '51']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^--cap: "51" is not a whole number 1\.\.50/);
  });
});
