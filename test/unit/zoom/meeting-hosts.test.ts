import { describe, expect, it } from 'vitest';
import { MeetingHosts } from '../../../src/zoom/meeting-hosts.js';

describe('MeetingHosts', () => {
  it("knows a meeting's host by the name the caller used, whatever Zoom calls it", () => {
    const hosts = new MeetingHosts();
    hosts.learnHost('Room1@example.com', 'u_abc123', 'room1@example.com');
    expect(hosts.fromZoom('ROOM1@EXAMPLE.COM', undefined)).toBe('Room1@example.com');
    expect(hosts.fromZoom(undefined, 'u_abc123')).toBe('Room1@example.com');
    hosts.learnMeeting(85746065432, 'u_abc123');
    expect(hosts.hostOf(85746065432)).toBe('Room1@example.com');
  });

  it("falls back to Zoom's own names for hosts it never heard of, and forgets deleted meetings", () => {
    const hosts = new MeetingHosts();
    expect(hosts.fromZoom('x@example.com', 'u_x')).toBe('x@example.com');
    expect(hosts.fromZoom(undefined, 'u_x')).toBe('u_x');
    hosts.learnMeeting(1, 'x@example.com');
    hosts.forgetMeeting(1);
    expect(hosts.hostOf(1)).toBeUndefined();
  });
});
