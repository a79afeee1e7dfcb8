import { describe, expect, it } from 'vitest';
import {
  meetingListPageSchema,
  meetingSchema,
  tokenSchema,
  zoomMeetingSchemas,
} from '../../../src/zoom/schemas.js';

// Trimmed from the 201 example of `meetingCreate` in specs/zoom-meetings-subset.json, with a
// join_url on zoom.us (the example's placeholder host, example.com, is refused: see below).
const created = {
  assistant_id: 'kFFvsJc-Q1OSxaJQLvaa_A',
  host_email: 'jchill@example.com',
  id: 92674392836,
  registration_url: 'https://example.com/meeting/register/7ksAkRCoEpt1Jm0wa-E6lICLur9e7Lde5oW6',
  agenda: 'My Meeting',
  created_at: '2022-03-25T07:29:29Z',
  duration: 60,
  join_url: 'https://zoom.us/j/92674392836?pwd=abc.1',
  occurrences: [
    {
      duration: 60,
      occurrence_id: '1648194360000',
      start_time: '2022-03-25T07:46:00Z',
      status: 'available',
    },
  ],
  password: '123456',
  pmi: '97891943927',
  pre_schedule: false,
  recurrence: {
    end_date_time: '2022-04-02T15:59:00Z',
    end_times: 7,
    monthly_day: 1,
    monthly_week: 1,
    monthly_week_day: 1,
    repeat_interval: 1,
    type: 1,
    weekly_days: '1',
  },
  settings: { host_video: true, waiting_room: false },
  start_time: '2022-03-25T07:29:29Z',
  start_url: 'https://example.com/s/11111',
  timezone: 'America/Los_Angeles',
  topic: 'My Meeting',
  tracking_fields: [{ field: 'field1', value: 'value1', visible: true }],
  type: 2,
  uuid: 'aDYlohsHRtCd4ii1uC2+hA==',
  host_id: '30R7kT7bTIKSNUFEuH_Qlg',
};

describe('meetingSchema', () => {
  it("reads Zoom's example and drops the fields zoomlink does not use (start_url among them)", () => {
    const meeting = meetingSchema.parse(created);
    expect(meeting.id).toBe(92674392836);
    expect(meeting.occurrences?.[0]?.occurrence_id).toBe('1648194360000');
    expect(meeting.tracking_fields).toEqual([{ field: 'field1', value: 'value1' }]);
    expect(meeting).not.toHaveProperty('start_url');
    expect(meeting).not.toHaveProperty('pmi');
  });

  it('reads null as absent and a numeric occurrence_id as a string', () => {
    const meeting = meetingSchema.parse({
      ...created,
      agenda: null,
      occurrences: [
        { occurrence_id: 1648194360000, start_time: 'x', duration: 60, status: 'deleted' },
      ],
    });
    expect(meeting.agenda).toBeUndefined();
    expect(meeting.occurrences?.[0]?.occurrence_id).toBe('1648194360000');
  });

  it('refuses a meeting without an id or join_url, naming the field', () => {
    const result = meetingSchema.safeParse({ ...created, join_url: undefined });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['join_url']);
  });
});

describe('what the schemas refuse at the edge, each with its own code', () => {
  const codeOf = (result: { success: boolean; error?: { issues: unknown[] } }) =>
    (result.error?.issues[0] as { params?: { zoomlinkCode?: string } } | undefined)?.params
      ?.zoomlinkCode;

  it('a join_url that is not https on a trusted host', () => {
    for (const join_url of [
      'https://example.com/j/11111',
      'http://zoom.us/j/1',
      'https://zoom.us.example.com/j/1',
      'ftp://zoom.us/j/1',
    ]) {
      const result = meetingSchema.safeParse({ ...created, join_url });
      expect(result.success, join_url).toBe(false);
      expect(codeOf(result)).toBe('ZOOM_JOIN_URL_UNTRUSTED');
    }
    const onPremise = zoomMeetingSchemas(['zoom.example.com']).meeting;
    expect(onPremise.parse({ ...created, join_url: 'https://ZOOM.example.com/j/1' }).join_url).toBe(
      'https://zoom.example.com/j/1',
    );
  });

  it('a meeting id above 2^53 − 1, which JSON.parse cannot read exactly', () => {
    const text = JSON.stringify(created).replace('92674392836', '9007199254740993');
    const result = meetingSchema.safeParse(JSON.parse(text));
    expect(result.success).toBe(false);
    expect(codeOf(result)).toBe('ZOOM_MEETING_ID_TOO_LARGE');
    expect(result.error?.issues[0]?.path).toEqual(['id']);
  });

  it('in a list row, an untrusted join_url is read as empty instead', () => {
    const row = { id: 81234567890, uuid: 'u', host_id: 'h', topic: 't', type: 2 };
    expect(
      meetingListPageSchema
        .parse({
          meetings: [
            { ...row, join_url: 'http://attacker.example/j/1' },
            { ...row, join_url: 'https://zoom.us/j/1' },
          ],
        })
        .meetings.map((m) => m.join_url),
    ).toEqual(['', 'https://zoom.us/j/1']);
  });
});

describe('meetingListPageSchema and tokenSchema', () => {
  it('reads a page with unknown fields and no meetings', () => {
    expect(
      meetingListPageSchema.parse({ page_size: 300, next_page_token: '', pmi_enabled: 1 }),
    ).toEqual({
      next_page_token: '',
      meetings: [],
    });
  });

  it('needs access_token and a positive expires_in', () => {
    expect(
      tokenSchema.safeParse({ access_token: 't', expires_in: 3600, api_url: 'x' }).success,
    ).toBe(true);
    expect(tokenSchema.safeParse({ access_token: '', expires_in: 3600 }).success).toBe(false);
    expect(tokenSchema.safeParse({ access_token: 't', expires_in: 0 }).success).toBe(false);
  });
});
