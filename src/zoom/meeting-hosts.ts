import { hostKey } from './memory-host-quota.js';

/**
 * Which host a meeting belongs to, so that an update (which names only the meeting) is charged to
 * the right host's daily budget, and a parked host's meetings are not updated. Callers name hosts
 * by email or user id; Zoom answers with both (`host_email`, `host_id`), so each is remembered as
 * another name of the host the caller used.
 */
export class MeetingHosts {
  private readonly byMeeting = new Map<number, string>();
  private readonly names = new Map<string, string>();

  /** Remembers that `aliases` (a user id, an email) name `host`. */
  learnHost(host: string, ...aliases: Array<string | undefined>): void {
    this.names.set(hostKey(host), this.canonical(host));
    for (const alias of aliases) {
      if (alias && !this.names.has(hostKey(alias)))
        this.names.set(hostKey(alias), this.canonical(host));
    }
  }

  learnMeeting(meetingId: number, host: string): void {
    this.byMeeting.set(meetingId, this.canonical(host));
  }

  /** The host as the caller first named it, when any of Zoom's names for it is known. */
  fromZoom(hostEmail: string | undefined, hostId: string | undefined): string | undefined {
    for (const name of [hostEmail, hostId]) {
      if (name && this.names.has(hostKey(name))) return this.names.get(hostKey(name));
    }
    return hostEmail ?? hostId;
  }

  hostOf(meetingId: number): string | undefined {
    return this.byMeeting.get(meetingId);
  }

  forgetMeeting(meetingId: number): void {
    this.byMeeting.delete(meetingId);
  }

  private canonical(host: string): string {
    return this.names.get(hostKey(host)) ?? host.trim();
  }
}
