import { describe, expect, it } from 'vitest';
import { meetingListPageSchema, meetingSchema, tokenSchema } from '../../../src/zoom/schemas.js';

// Trimmed from the 201 example of `meetingCreate` in specs/zoom-meetings-subset.json.
const created = {
  assistant_id: 'kFFvsJc-Q1OSxaJQLvaa_A',
  host_email: 'jchill@example.com',
  id: 92674392836,
  registration_url: 'https://example.com/meeting/register/7ksAkRCoEpt1Jm0wa-E6lICLur9e7Lde5oW6',
  agenda: 'My Meeting',
  created_at: '2022-03-25T07:29:29Z',
  duration: 60,
  join_url: 'https://example.com/j/11111',
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
