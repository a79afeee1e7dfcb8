import { describe, expect, it } from 'vitest';
import {
  roomFromResource,
  roomsFromConfig,
  zoomHostFor,
  type HostRules,
} from '../../../src/google/room-hosts.js';

const resource = {
  resourceId: '3339393239343835343734',
  resourceName: 'Training Room 1A',
  generatedResourceName: 'NYC-2-Training Room 1A (16)',
  resourceEmail: 'c_18832tc9g2iechmehr7goqp9bsali@resource.calendar.google.com',
  resourceCategory: 'CONFERENCE_ROOM',
};
const none: HostRules = { hosts: {}, hostTemplate: '', defaultHost: '' };

describe('Zoom host of a Directory room', () => {
  it.each([
    [
      'resource email, case ignored',
      { 'C_18832TC9G2IECHMEHR7GOQP9BSALI@resource.calendar.google.com': 'a@example.com' },
    ],
    ['resource id', { '3339393239343835343734': 'a@example.com' }],
    ['resource name', { 'training room 1a': 'a@example.com' }],
  ])('rooms.hosts by %s', (_what, hosts) => {
    expect(zoomHostFor(resource, { ...none, hosts })).toEqual({ ok: true, host: 'a@example.com' });
  });

  it('rooms.hosts wins over the template, the template over the default', () => {
    const rules = {
      hosts: { [resource.resourceId]: 'mapped@example.com' },
      hostTemplate: 'zoom-{resourceId}@example.com',
      defaultHost: 'd@example.com',
    };
    expect(zoomHostFor(resource, rules)).toEqual({ ok: true, host: 'mapped@example.com' });
    expect(zoomHostFor(resource, { ...rules, hosts: {} })).toEqual({
      ok: true,
      host: 'zoom-3339393239343835343734@example.com',
    });
    expect(zoomHostFor({ ...resource, resourceId: undefined }, { ...rules, hosts: {} })).toEqual({
      ok: true,
      host: 'd@example.com',
    });
  });

  it('a room no rule maps is skipped with the reason', () => {
    const found = roomFromResource(resource, { ...none, hostTemplate: 'zoom-{floor}@example.com' });
    expect(found).toEqual({
      skipped: {
        resourceId: resource.resourceId,
        resourceName: resource.resourceName,
        resourceEmail: resource.resourceEmail,
        reason:
          'no Zoom host: not in rooms.hosts; rooms.hostTemplate uses unknown placeholder {floor}, no rooms.defaultHost',
      },
    });
    expect(roomFromResource(resource, none)).toMatchObject({
      skipped: { reason: expect.stringContaining('no rooms.hostTemplate') },
    });
  });

  it('a resource without a calendar address is skipped', () => {
    expect(
      roomFromResource({ resourceId: 'x' }, { ...none, defaultHost: 'd@example.com' }),
    ).toEqual({
      skipped: { resourceId: 'x', reason: 'the Directory gives no resourceEmail (calendar id)' },
    });
  });

  it('a mapped room is named by its generated name and keyed by its address', () => {
    expect(roomFromResource(resource, { ...none, defaultHost: 'd@example.com' })).toEqual({
      room: {
        calendarId: resource.resourceEmail,
        name: 'NYC-2-Training Room 1A (16)',
        zoomHost: 'd@example.com',
      },
    });
  });

  it('config rooms are named by their calendar id when they have no name', () => {
    expect(
      roomsFromConfig([
        { calendarId: 'r@resource.calendar.google.com', zoomHost: 'h@example.com', name: '' },
      ]),
    ).toEqual([
      {
        calendarId: 'r@resource.calendar.google.com',
        name: 'r@resource.calendar.google.com',
        zoomHost: 'h@example.com',
      },
    ]);
  });
});
