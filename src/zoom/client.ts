import type { ApiObserver } from '../domain/api-observer.js';
import type {
  GetMeetingOptions,
  HostQuotaPort,
  ListMeetingsOptions,
  MeetingsPort,
  ParkedHost,
  UpdateMeetingOptions,
} from '../domain/ports.js';
import type {
  ZoomMeeting,
  ZoomMeetingRequest,
  ZoomMeetingSummary,
  ZoomUser,
} from '../domain/zoom-meeting.js';
import { ZoomApiError, ZoomErrorCodes } from './errors.js';
import { HostBudgets } from './host-budget.js';
import type { ZoomHttp } from './http.js';
import { MeetingHosts } from './meeting-hosts.js';
import {
  invitationSchema,
  zoomMeetingSchemas,
  type ZoomInviteLink,
  type ZoomMeetingSchemas,
} from './schemas.js';
import { startsWithin } from './time-window.js';
import { getUser, listUsers, PAGE_SIZE, userPath } from './users-api.js';
import type { ZoomLogger } from './transport.js';
import type { ZoomRateLimits } from './rate-limits.js';
import type { RateLimiterStatus } from '../util/rate-limiter.js';

/**
 * Zoom's meeting calls as zoomlink needs them: the engine's `MeetingsPort`, plus what the CLI
 * and the operator need. Answers Zoom gives for "not there" become values where the caller
 * expects them (`null`, `gone`); everything else that fails is a `ZoomApiError`. Creates and
 * updates are charged to the host's daily budget.
 */

export type MeetingStatusAction = 'end' | 'recover';

export interface ZoomClientDependencies {
  http: ZoomHttp;
  now: () => Date;
  dailyCreateUpdateLimit: number;
  /** Where hosts' daily budgets and parking live (the store's `hosts`); in memory when absent. */
  hosts?: HostQuotaPort;
  /** How answers are read (which join links pass); Zoom's own hosts only by default. */
  schemas?: ZoomMeetingSchemas;
  observer?: ApiObserver;
  logger?: ZoomLogger;
  /** The per-label rate limiters the client's calls pass (their status is shown). */
  limits?: ZoomRateLimits;
}

const meetingPath = (meetingId: number) => `/meetings/${encodeURIComponent(checkedId(meetingId))}`;
const userMeetingsPath = (host: string) => `${userPath(host)}/meetings`;

export class ZoomClient implements MeetingsPort {
  private readonly http: ZoomHttp;
  private readonly budgets: HostBudgets;
  private readonly hosts = new MeetingHosts();
  private readonly schemas: ZoomMeetingSchemas;

  constructor(private readonly deps: ZoomClientDependencies) {
    this.http = deps.http;
    this.schemas = deps.schemas ?? zoomMeetingSchemas();
    this.budgets = new HostBudgets({
      dailyLimit: deps.dailyCreateUpdateLimit,
      now: deps.now,
      ...(deps.hosts ? { hosts: deps.hosts } : {}),
      ...(deps.observer ? { observer: deps.observer } : {}),
      ...(deps.logger ? { logger: deps.logger } : {}),
    });
  }

  /** The account's per-label rate limiters, as they stand (none without `limits`). */
  rateLimits(): RateLimiterStatus[] {
    return this.deps.limits?.statuses() ?? [];
  }

  /** `POST /users/{host}/meetings`: 201 with the meeting. Charged to the host's daily budget. */
  async createMeeting(host: string, request: ZoomMeetingRequest): Promise<ZoomMeeting> {
    const path = userMeetingsPath(host);
    const call = { operation: 'meetings.create', endpoint: `POST ${path}` };
    // The request carries its settings (the planner's: the room's over zoom.meetingSettings).
    const response = await this.budgets.charge(host, call, () =>
      this.http.call({ ...call, method: 'POST', path, body: request }, this.schemas.meeting),
    );
    const meeting = response.data;
    this.hosts.learnHost(host, meeting.host_id, meeting.host_email);
    this.hosts.learnMeeting(meeting.id, host);
    return meeting;
  }

  /** `GET /meetings/{id}`; null when Zoom says the meeting does not exist (404/3001). */
  async getMeeting(
    meetingId: number,
    options: GetMeetingOptions = {},
  ): Promise<ZoomMeeting | null> {
    try {
      const { data } = await this.http.call(
        {
          operation: 'meetings.get',
          method: 'GET',
          path: meetingPath(meetingId),
          query: {
            occurrence_id: options.occurrenceId,
            show_previous_occurrences: options.showPreviousOccurrences,
          },
        },
        this.schemas.meeting,
      );
      const host = this.hosts.fromZoom(data.host_email, data.host_id);
      if (host) this.hosts.learnMeeting(data.id, host);
      return data;
    } catch (error) {
      if (isMeetingGone(error)) return null;
      throw error;
    }
  }

  /**
   * `PATCH /meetings/{id}` (one occurrence with `occurrenceId`): 204. `gone` when the meeting does
   * not exist (404/3001). Charged to the host's daily budget.
   */
  async updateMeeting(
    meetingId: number,
    patch: Partial<ZoomMeetingRequest>,
    options: UpdateMeetingOptions = {},
  ): Promise<'updated' | 'gone'> {
    if (options.host) this.hosts.learnMeeting(meetingId, options.host);
    const path = meetingPath(meetingId);
    const call = { operation: 'meetings.update', endpoint: `PATCH ${path}` };
    try {
      await this.budgets.charge(
        this.hosts.hostOf(meetingId),
        call,
        () =>
          this.http.call({
            ...call,
            method: 'PATCH',
            path,
            query: { occurrence_id: options.occurrenceId },
            body: patch,
          }),
        () => this.lookUpHost(meetingId),
      );
      return 'updated';
    } catch (error) {
      if (isMeetingGone(error)) return 'gone';
      throw error;
    }
  }

  /** `DELETE /meetings/{id}` (one occurrence with `occurrenceId`): 204; 404/3001 = already gone. */
  async deleteMeeting(
    meetingId: number,
    options: { occurrenceId?: string } = {},
  ): Promise<'deleted' | 'gone'> {
    try {
      await this.http.call({
        operation: 'meetings.delete',
        method: 'DELETE',
        path: meetingPath(meetingId),
        query: { occurrence_id: options.occurrenceId },
      });
      if (!options.occurrenceId) this.hosts.forgetMeeting(meetingId);
      return 'deleted';
    } catch (error) {
      if (isMeetingGone(error)) {
        if (!options.occurrenceId) this.hosts.forgetMeeting(meetingId);
        return 'gone';
      }
      throw error;
    }
  }

  /**
   * `GET /users/{host}/meetings`, every page, then only the meetings starting in `[from, to)`
   * (the API's own date filter is not trusted; see `time-window.ts`).
   */
  async listMeetings(
    host: string,
    options: ListMeetingsOptions = {},
  ): Promise<ZoomMeetingSummary[]> {
    const path = userMeetingsPath(host);
    const operation = 'meetings.list';
    const meetings: ZoomMeetingSummary[] = [];
    const pages = this.http.pages(
      { operation, where: `GET ${path}` },
      async (pageToken) =>
        (
          await this.http.call(
            {
              operation,
              method: 'GET',
              path,
              query: { type: options.type, page_size: PAGE_SIZE, next_page_token: pageToken },
            },
            this.schemas.meetingListPage,
          )
        ).data,
      (page) => page.next_page_token,
    );
    for await (const page of pages) meetings.push(...page.meetings);
    for (const meeting of meetings) {
      this.hosts.learnHost(host, meeting.host_id);
      this.hosts.learnMeeting(meeting.id, host);
    }
    const untrusted = meetings.filter((m) => m.join_url === '').map((m) => m.id);
    if (untrusted.length > 0)
      this.deps.logger?.warn('zoom listed meetings whose join link zoomlink does not trust', {
        code: ZoomErrorCodes.joinUrlUntrusted,
        host,
        meetingIds: untrusted,
      });
    return startsWithin(meetings, options);
  }

  /** See `users-api.ts`: a read, not charged to a daily budget. */
  async getUser(userId: string): Promise<ZoomUser | null> {
    return getUser(this.http, userId);
  }

  async listUsers(
    options: { status?: 'active' | 'inactive' | 'pending' } = {},
  ): Promise<ZoomUser[]> {
    return listUsers(this.http, options);
  }

  /** `GET /meetings/{id}/invitation`: the invitation text as Zoom writes it (CRLF line breaks). */
  async getInvitation(meetingId: number): Promise<string> {
    const { data } = await this.http.call(
      {
        operation: 'meetings.invitation',
        method: 'GET',
        path: `${meetingPath(meetingId)}/invitation`,
      },
      invitationSchema,
    );
    return data.invitation;
  }

  /**
   * `POST /meetings/{id}/invite_links`: one personal join link per name (1–500 names, each ≤ 64
   * characters), valid `ttlSeconds` (Zoom's default 7200, at most 7776000). Repeating the call only
   * makes more links, so it is retried like a read.
   */
  async createInviteLinks(
    meetingId: number,
    names: string[],
    options: { ttlSeconds?: number } = {},
  ): Promise<ZoomInviteLink[]> {
    const { data } = await this.http.call(
      {
        operation: 'meetings.inviteLinks',
        method: 'POST',
        path: `${meetingPath(meetingId)}/invite_links`,
        body: {
          attendees: names.map((name) => ({ name })),
          ...(options.ttlSeconds !== undefined ? { ttl: options.ttlSeconds } : {}),
        },
        idempotent: true,
      },
      this.schemas.inviteLinks,
    );
    return data.attendees;
  }

  /** `PUT /meetings/{id}/status`: `end` a running meeting, or `recover` a deleted one. 204. */
  async setMeetingStatus(meetingId: number, action: MeetingStatusAction): Promise<void> {
    await this.http.call({
      operation: `meetings.status.${action}`,
      method: 'PUT',
      path: `${meetingPath(meetingId)}/status`,
      body: { action },
    });
  }

  /**
   * Parks a host until `until`: its creates and updates fail with `ZOOM_QUOTA_EXHAUSTED` without
   * calling Zoom (for the operator and tests; the client parks hosts itself when Zoom says so).
   */
  parkHost(host: string, until: Date): void {
    this.budgets.park(host, until);
  }

  /** Hosts whose budget is spent, and when each may be called again. */
  parkedHosts(): ParkedHost[] {
    return this.budgets.parked();
  }

  /** What is left of a host's daily create/update budget, as far as the client has seen. */
  remainingBudget(host: string): number {
    return this.budgets.remaining(host);
  }

  /** The host of a meeting the client has not seen yet (one light GET, not charged). */
  private async lookUpHost(meetingId: number): Promise<string | undefined> {
    await this.getMeeting(meetingId);
    return this.hosts.hostOf(meetingId);
  }
}

function isMeetingGone(error: unknown): boolean {
  return error instanceof ZoomApiError && error.code === ZoomErrorCodes.meetingNotFound;
}

function checkedId(meetingId: number): string {
  if (!Number.isSafeInteger(meetingId) || meetingId <= 0) {
    throw new RangeError(`A Zoom meeting id is a positive whole number; got ${String(meetingId)}.`);
  }
  return String(meetingId);
}
