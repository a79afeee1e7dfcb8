import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEmptyPatch, planPatch, withoutConference } from '../../../src/google/patch-request.js';
import type { EventCopy, EventPatch } from '../../../src/domain/calendar-write.js';

const copy: EventCopy = {
  etag: '"1"',
  status: 'confirmed',
  description: 'Bring the numbers.',
  location: '',
  privateProperties: { zoomlinkMeetingId: '111', other: 'keep' },
};
const conference = {
  meetingId: '83815239874',
  joinUrl: 'https://example.zoom.us/j/83815239874?pwd=abc',
  passcode: '123456',
};
const on = { conferenceData: true };
const off = { conferenceData: false };

describe('planPatch', () => {
  it('sends only the description when only the description changes', () => {
    const plan = planPatch(copy, { description: 'Bring the numbers.\n\n-- zoom --' }, off);
    expect(plan).toEqual({
      body: { description: 'Bring the numbers.\n\n-- zoom --' },
      conference: 'none',
    });
  });

  it('sends nothing for values equal to what the copy has', () => {
    const plan = planPatch(
      copy,
      {
        description: copy.description,
        location: '',
        privateProperties: { other: 'keep', gone: null },
      },
      off,
    );
    expect(isEmptyPatch(plan.body)).toBe(true);
  });

  it('sets and removes private properties (null removes, per the extended-properties guide)', () => {
    const plan = planPatch(
      copy,
      { privateProperties: { zoomlinkMeetingId: '222', other: null, fresh: 'x' } },
      off,
    );
    expect(plan.body).toEqual({
      extendedProperties: { private: { zoomlinkMeetingId: '222', other: null, fresh: 'x' } },
    });
  });

  it('adds a Zoom conference only when conferenceData is allowed', () => {
    expect(planPatch(copy, { conference }, off)).toEqual({ body: {}, conference: 'none' });
    const plan = planPatch(
      copy,
      { conference, location: 'https://example.zoom.us/j/83815239874' },
      on,
    );
    expect(plan.conference).toBe('add');
    expect(plan.body.conferenceData).toMatchObject({
      conferenceId: '83815239874',
      conferenceSolution: { key: { type: 'addOn' } },
    });
    expect(withoutConference(plan)).toEqual({
      body: { location: 'https://example.zoom.us/j/83815239874' },
      conference: 'none',
    });
  });

  it('removes a conference only when the copy has one and conferenceData is allowed', () => {
    expect(planPatch(copy, { conference: null }, on).conference).toBe('none');
    const withOne = { ...copy, conferenceSolutionType: 'addOn' };
    expect(planPatch(withOne, { conference: null }, on)).toEqual({
      body: { conferenceData: null },
      conference: 'remove',
    });
    expect(planPatch(withOne, { conference: null }, off).conference).toBe('none');
  });

  it('property: the body holds only fields the patch names, each differing from the copy', () => {
    const text = fc.constantFrom('', 'a', 'Bring the numbers.', 'b');
    const patch: fc.Arbitrary<EventPatch> = fc.record(
      {
        description: text,
        location: text,
        privateProperties: fc.dictionary(
          fc.constantFrom('zoomlinkMeetingId', 'other', 'x'),
          fc.option(fc.constantFrom('111', 'keep', 'y')),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(patch, fc.boolean(), (p, allowed) => {
        const { body } = planPatch(copy, p, { conferenceData: allowed });
        for (const key of Object.keys(body))
          expect(['description', 'location', 'extendedProperties']).toContain(key);
        if (body.description !== undefined) expect(body.description).not.toBe(copy.description);
        if (body.location !== undefined) expect(body.location).not.toBe(copy.location);
        const applied = { ...copy.privateProperties };
        for (const [k, v] of Object.entries(body.extendedProperties?.private ?? {})) {
          if (v === null) delete applied[k];
          else applied[k] = v;
        }
        const expected = { ...copy.privateProperties };
        for (const [k, v] of Object.entries(p.privateProperties ?? {})) {
          if (v === null) delete expected[k];
          else expected[k] = v;
        }
        expect(applied).toEqual(expected);
      }),
    );
  });
});
