import { describe, expect, it } from 'vitest';
import { conferenceKept, zoomConferenceData } from '../../../src/google/zoom-conference.js';

describe('zoomConferenceData', () => {
  it('is an addOn conference shaped like the Zoom add-on’s, with one video entry point', () => {
    const data = zoomConferenceData({
      meetingId: '83815239874',
      joinUrl: 'https://example.zoom.us/j/83815239874?pwd=abc',
      passcode: '123456',
      notes: 'Join Zoom Meeting',
    });
    expect(data).toMatchObject({
      conferenceId: '83815239874',
      conferenceSolution: { key: { type: 'addOn' }, name: 'Zoom Meeting' },
      entryPoints: [
        {
          entryPointType: 'video',
          uri: 'https://example.zoom.us/j/83815239874?pwd=abc',
          label: 'example.zoom.us/j/83815239874',
          meetingCode: '83815239874',
          passcode: '123456',
        },
      ],
      notes: 'Join Zoom Meeting',
      parameters: { addOnParameters: { parameters: { realMeetingId: '83815239874' } } },
    });
    expect(data.conferenceSolution.iconUri).toMatch(/^https:\/\//);
    expect(zoomConferenceData({ meetingId: '1', joinUrl: 'https://z/j/1' })).not.toHaveProperty(
      'notes',
    );
  });

  it('counts a conference as kept only when Google returns our addOn meeting', () => {
    expect(
      conferenceKept({ conferenceId: '9', conferenceSolution: { key: { type: 'addOn' } } }, '9'),
    ).toBe(true);
    expect(conferenceKept(undefined, '9')).toBe(false);
    expect(
      conferenceKept({ conferenceId: '8', conferenceSolution: { key: { type: 'addOn' } } }, '9'),
    ).toBe(false);
    expect(
      conferenceKept(
        { conferenceId: '9', conferenceSolution: { key: { type: 'hangoutsMeet' } } },
        '9',
      ),
    ).toBe(false);
  });
});
