import type { ApiContext, ApiHandler, EmulatorServer, Reply } from '../kit/index.js';
import { invitationText, sipAddress } from './invitation-text.js';
import { meetingNumber, opaqueToken } from './ids.js';
import { hostDailyLimitReply, RateLimits, type RateLabel } from './limits.js';
import { listPage, readListQuery, selectRows } from './list-meetings.js';
import type { MeetingBody, RecurrenceBody, StoredMeeting } from './meeting-model.js';
import {
  createMeeting,
  fullName,
  patchMeeting,
  patchOccurrence,
  type WriteContext,
  type WriteResult,
} from './meeting-write.js';
import { revokeEndpoint, tokenEndpoint, type ZoomAccount } from './oauth-route.js';
import { UserGrants } from './user-oauth.js';
import { listUsersPage } from './list-users.js';
import { PageTokens } from './paging.js';
import { renderMeeting } from './render-meeting.js';
import {
  defaultAppScopes,
  missingScopes,
  routeScopes,
  userListScopes,
  userReadScopes,
} from './scopes.js';
import { fieldErrors, requestValidators, type BodyValidator } from './spec-schemas.js';
import type { ZoomSwitchDefinitions, ZoomSwitchValues } from './switches.js';
import { bearerToken, TokenStore } from './tokens.js';
import { UserDirectory, type ZoomUser } from './users.js';
import { checkRecurrence } from './validate-recurrence.js';
import { errors, zoomError, type FieldError } from './zoom-errors.js';
import { ZoomWebhooks } from './webhooks.js';
import { deletedPayload, occurrencePayload, updatedPayload } from './meeting-events.js';

type ZoomHandler = (ctx: ApiContext, switches: ZoomSwitchValues) => Reply;

const DAY_MS = 86_400_000;
const read = (granular: string) => routeScopes(granular, 'read');
const write = (granular: string) => routeScopes(granular, 'write');

/**
 * The Zoom REST API v2 paths zoomlink uses (SPEC), over the emulator's state: users, meetings,
 * tokens, limits and list cursors. Every call is tagged with `host` (the meeting host's email)
 * when the host is known, so tests can count calls per host.
 */
export class ZoomApi {
  readonly users = new UserDirectory();
  readonly meetings = new Map<number, StoredMeeting>();
  readonly tokens = new TokenStore();
  /** User-level OAuth: consent, codes, refresh tokens and their rotation (`user-oauth.ts`). */
  readonly grants: UserGrants;
  readonly limits = new RateLimits();
  /** The scopes the app holds; tokens issued from now on carry them (control API `/scopes`). */
  appScopes: readonly string[] = defaultAppScopes;
  /** Not Zoom's: the join URL form of meetings made from now on (control API `/join-url`). */
  joinUrlTemplate: string | undefined;
  /** Event notifications to the app's subscription (`webhooks.ts`). */
  readonly webhooks: ZoomWebhooks;
  private readonly meetingPages = new PageTokens();
  private readonly userPages = new PageTokens();

  constructor(
    private readonly server: EmulatorServer<ZoomSwitchDefinitions>,
    readonly account: ZoomAccount,
  ) {
    requestValidators(); // read the spec now, so a missing file fails at start, not mid-test
    this.grants = new UserGrants(() => account.clientId, this.users, this.tokens);
    this.webhooks = new ZoomWebhooks(
      server.clock,
      () => account.accountId,
      () => server.switches.values(),
    );
    server.route('POST', '/oauth/token', (ctx) =>
      tokenEndpoint(
        ctx,
        account,
        this.tokens,
        server.switches.values(),
        this.appScopes,
        this.grants,
      ),
    );
    server.route('GET', '/oauth/authorize', (ctx) => this.grants.authorize(ctx));
    server.route('POST', '/oauth/authorize', (ctx) => this.grants.decide(ctx));
    server.route('POST', '/oauth/revoke', (ctx) => revokeEndpoint(ctx, account, this.grants));
    server.route('GET', '/v2/users', this.api('Medium', userListScopes, this.listUsers));
    server.route(
      'POST',
      '/v2/users/:userId/meetings',
      this.api('Medium', write('meeting:write:meeting'), this.create),
    );
    server.route('GET', '/v2/users/:userId', this.api('Light', userReadScopes, this.user));
    server.route(
      'GET',
      '/v2/users/:userId/meetings',
      this.api('Medium', read('meeting:read:list_meetings'), this.list),
    );
    server.route(
      'GET',
      '/v2/meetings/:meetingId',
      this.api('Light', read('meeting:read:meeting'), this.get),
    );
    server.route(
      'PATCH',
      '/v2/meetings/:meetingId',
      this.api('Light', write('meeting:update:meeting'), this.update),
    );
    server.route(
      'DELETE',
      '/v2/meetings/:meetingId',
      this.api('Light', write('meeting:delete:meeting'), this.remove),
    );
    server.route(
      'PUT',
      '/v2/meetings/:meetingId/status',
      this.api('Light', write('meeting:update:status'), this.status),
    );
    server.route(
      'GET',
      '/v2/meetings/:meetingId/invitation',
      this.api('Light', read('meeting:read:invitation'), this.invitation),
    );
    server.route(
      'POST',
      '/v2/meetings/:meetingId/invite_links',
      this.api('Light', write('meeting:write:invite_links'), this.inviteLinks),
    );
  }

  /** Forgets meetings, tokens, counters and cursors, and gives the app its default scopes back
   * (users are the caller's business). */
  clear(): void {
    this.appScopes = defaultAppScopes;
    this.joinUrlTemplate = undefined;
    this.meetings.clear();
    this.webhooks.deliveries.length = 0;
    this.tokens.clear();
    this.grants.clear();
    this.limits.clear();
    this.meetingPages.clear();
    this.userPages.clear();
  }

  /** A meeting that is neither deleted nor expired, or undefined. */
  liveMeeting(param: string | undefined, nowMs: number): StoredMeeting | undefined {
    const meeting = this.anyMeeting(param);
    if (!meeting || meeting.deletedAt !== undefined || isExpired(meeting, nowMs)) return undefined;
    return meeting;
  }

  anyMeeting(param: string | undefined): StoredMeeting | undefined {
    return param && /^\d{1,19}$/.test(param) ? this.meetings.get(Number(param)) : undefined;
  }

  private api(label: RateLabel, scopes: readonly string[], handler: ZoomHandler): ApiHandler {
    return (ctx) => {
      const switches = this.server.switches.values();
      const token = bearerToken(ctx.headers.authorization);
      const check = this.tokens.check(token, ctx.now.getTime());
      if (check !== 'valid')
        return errors.invalidToken(
          check === 'expired' ? switches.expiredTokenMessage : 'Invalid access token.',
        );
      if (!this.tokens.holdsAny(token, scopes)) return missingScopes(scopes);
      // SPEC userId: "For user-level apps, pass the `me` value": the user who authorised the app.
      const user = this.tokens.userOf(token);
      if (user && ctx.params.userId === 'me') ctx.params.userId = user;
      const limited = this.limits.takeAccount(label, ctx.now, switches);
      if (limited) return limited;
      const reply = handler.call(this, ctx, switches);
      return {
        ...reply,
        headers: { ...this.limits.headers(label, ctx.now, switches), ...reply.headers },
      };
    };
  }

  private writeContext(ctx: ApiContext, switches: ZoomSwitchValues): WriteContext {
    return {
      now: ctx.now,
      switches,
      users: this.users,
      newMeetingId: () => meetingNumber((id) => this.meetings.has(id)),
      joinUrlTemplate: this.joinUrlTemplate,
    };
  }

  private invalid(switches: ZoomSwitchValues) {
    return (field: string, why: string): FieldError => ({
      field,
      message: switches.validationMessages === 'detailed' ? `${field} ${why}` : 'Invalid field.',
    });
  }

  private tagHost(ctx: ApiContext, hostId: string): ZoomUser | undefined {
    const host = this.users.get(hostId);
    if (host) ctx.tag('host', host.email);
    return host;
  }

  /**
   * The per-host 100/day gate of create and update (SPEC meetingCreate, meetingUpdate). Under
   * `all-attempts` the request is counted before it is validated; `commit` counts it after success
   * otherwise.
   */
  private dailyGate(
    ctx: ApiContext,
    switches: ZoomSwitchValues,
    hostId: string,
    label: RateLabel,
  ): { refused: Reply } | { refused?: undefined; finish: (reply: Reply, ok: boolean) => Reply } {
    if (this.limits.hostRemaining(hostId, ctx.now) <= 0)
      return { refused: hostDailyLimitReply(label, ctx.now) };
    if (switches.dailyLimitCounts === 'all-attempts') this.limits.spendHost(hostId, ctx.now);
    return {
      finish: (reply: Reply, succeeded: boolean): Reply => {
        if (succeeded && switches.dailyLimitCounts === 'successful')
          this.limits.spendHost(hostId, ctx.now);
        return {
          ...reply,
          headers: {
            'X-RateLimit-Category': label,
            'X-RateLimit-Limit': '100',
            'X-RateLimit-Remaining': String(this.limits.hostRemaining(hostId, ctx.now)),
            ...reply.headers,
          },
        };
      },
    };
  }

  /**
   * The schema's verdict on a meeting body, with the recurrence rules' too when the recurrence
   * itself passed the schema, so one answer names every bad field (ERR: `errors` per field).
   */
  private schemaProblems(
    validate: BodyValidator,
    body: Record<string, unknown>,
    switches: ZoomSwitchValues,
  ): Reply | undefined {
    if (validate(body)) return undefined;
    const detailed = switches.validationMessages === 'detailed';
    const problems = fieldErrors(validate.errors, detailed);
    const recurrence = body.recurrence as RecurrenceBody | undefined;
    if (
      body.type === 8 &&
      recurrence &&
      !problems.some((p) => p.field === 'recurrence' || p.field.startsWith('recurrence.'))
    ) {
      const checked = checkRecurrence(recurrence, switches, this.invalid(switches));
      if ('errors' in checked) problems.push(...checked.errors);
    }
    return errors.validationFailed(problems);
  }

  private create(ctx: ApiContext, switches: ZoomSwitchValues): Reply {
    const user = this.users.find(ctx.params.userId!);
    if (!user) return errors.userNotFound(ctx.params.userId!);
    const body = parseBody(ctx.rawBody);
    const scheduledFor =
      body && typeof body.schedule_for === 'string'
        ? this.users.find(body.schedule_for)
        : undefined;
    const host = scheduledFor ?? user;
    ctx.tag('host', host.email);
    const gate = this.dailyGate(ctx, switches, host.id, 'Medium');
    if (gate.refused) return gate.refused;
    if (!body) return gate.finish(errors.invalidJson(), false);
    const invalid = this.schemaProblems(requestValidators().createMeeting, body, switches);
    if (invalid) return gate.finish(invalid, false);
    const result = createMeeting(body as MeetingBody, user, this.writeContext(ctx, switches));
    if (!result.ok) return gate.finish(result.reply, false);
    this.meetings.set(result.meeting.id, result.meeting);
    const reply = {
      status: 201,
      body: renderMeeting(result.meeting, this.users.get(result.meeting.hostId), {
        now: ctx.now,
        switches,
      }),
    };
    return gate.finish(reply, true);
  }

  private get(ctx: ApiContext, switches: ZoomSwitchValues): Reply {
    const meeting = this.liveMeeting(ctx.params.meetingId, ctx.now.getTime());
    if (!meeting) return errors.meetingNotFound(ctx.params.meetingId!);
    const host = this.tagHost(ctx, meeting.hostId);
    const occurrenceId = ctx.query.get('occurrence_id');
    let occurrence;
    if (occurrenceId !== null && occurrenceId !== '') {
      occurrence = meeting.occurrences.find((o) => o.id === occurrenceId);
      if (!occurrence) return errors.invalidOccurrence();
    }
    return {
      status: 200,
      body: renderMeeting(meeting, host, {
        now: ctx.now,
        switches,
        occurrence,
        showPreviousOccurrences: ctx.query.get('show_previous_occurrences') === 'true',
      }),
    };
  }

  private update(ctx: ApiContext, switches: ZoomSwitchValues): Reply {
    const meeting = this.liveMeeting(ctx.params.meetingId, ctx.now.getTime());
    if (!meeting) return errors.meetingNotFound(ctx.params.meetingId!);
    this.tagHost(ctx, meeting.hostId);
    const gate = this.dailyGate(ctx, switches, meeting.hostId, 'Light');
    if (gate.refused) return gate.refused;
    const body = parseBody(ctx.rawBody);
    if (!body) return gate.finish(errors.invalidJson(), false);
    const invalid = this.schemaProblems(requestValidators().updateMeeting, body, switches);
    if (invalid) return gate.finish(invalid, false);
    if (meeting.status === 'started') return gate.finish(errors.startedMeeting(), false);
    const occurrenceId = ctx.query.get('occurrence_id');
    const result = this.applyPatch(meeting, occurrenceId, body as MeetingBody, ctx, switches);
    if (!result.ok) return gate.finish(result.reply, false);
    this.notify('meeting.updated', result.payload, this.apiOperator(ctx, meeting, switches));
    return gate.finish({ status: 204 }, true);
  }

  private remove(ctx: ApiContext, switches: ZoomSwitchValues): Reply {
    const meeting = this.liveMeeting(ctx.params.meetingId, ctx.now.getTime());
    if (!meeting) return errors.meetingNotFound(ctx.params.meetingId!);
    this.tagHost(ctx, meeting.hostId);
    if (switches.deleteCountsTowardDailyLimit) {
      if (this.limits.hostRemaining(meeting.hostId, ctx.now) <= 0)
        return hostDailyLimitReply('Light', ctx.now);
      this.limits.spendHost(meeting.hostId, ctx.now);
    }
    const occurrenceId = ctx.query.get('occurrence_id');
    if (occurrenceId !== null && occurrenceId !== '') {
      const occurrence = meeting.occurrences.find((o) => o.id === occurrenceId);
      if (!occurrence) return errors.invalidOccurrence();
      // Deleting an occurrence that is already deleted answers 204 again (not sourced).
      occurrence.status = 'deleted';
      this.notify(
        'meeting.deleted',
        occurrencePayload(meeting, occurrenceId, 'deleted'),
        this.apiOperator(ctx, meeting, switches),
      );
      return { status: 204 };
    }
    if (meeting.status === 'started') return errors.inProgress();
    this.deleteMeeting(meeting, ctx, switches, this.apiOperator(ctx, meeting, switches));
    return { status: 204 };
  }

  /** A whole-meeting or one-occurrence PATCH, and the `meeting.updated` payload it makes. */
  applyPatch(
    meeting: StoredMeeting,
    occurrenceId: string | null,
    body: MeetingBody,
    ctx: ApiContext,
    switches: ZoomSwitchValues,
  ): { ok: true; payload: Record<string, unknown> } | { ok: false; reply: Reply } {
    const write = this.writeContext(ctx, switches);
    const host = this.users.get(meeting.hostId);
    const render = (m: StoredMeeting) =>
      renderMeeting(m, host, {
        now: ctx.now,
        switches: { ...switches, deletedOccurrences: 'listed' },
      });
    const before = render(meeting);
    const result: WriteResult =
      occurrenceId !== null && occurrenceId !== ''
        ? patchOccurrence(meeting, occurrenceId, body, write)
        : patchMeeting(meeting, body, write);
    if (!result.ok) return result;
    this.meetings.set(meeting.id, result.meeting);
    const payload =
      occurrenceId !== null && occurrenceId !== ''
        ? occurrencePayload(result.meeting, occurrenceId, 'updated')
        : updatedPayload(result.meeting, before, render(result.meeting));
    return { ok: true, payload };
  }

  /** A whole meeting deleted (soft, recoverable), and its `meeting.deleted` event. */
  deleteMeeting(
    meeting: StoredMeeting,
    ctx: ApiContext,
    switches: ZoomSwitchValues,
    operator: ZoomUser | undefined,
  ): void {
    const rendered = renderMeeting(meeting, this.users.get(meeting.hostId), {
      now: ctx.now,
      switches,
    });
    meeting.deletedAt = ctx.now.getTime();
    this.notify('meeting.deleted', deletedPayload(rendered), operator);
  }

  /** Who an API call's event names as its operator (switch `webhookApiOperator`). */
  private apiOperator(
    ctx: ApiContext,
    meeting: StoredMeeting,
    switches: ZoomSwitchValues,
  ): ZoomUser | undefined {
    const user = this.tokens.userOf(bearerToken(ctx.headers.authorization));
    const acting = user ? this.users.find(user) : undefined;
    if (acting) return acting;
    return switches.webhookApiOperator === 'host'
      ? this.users.get(meeting.hostId)
      : this.users.list()[0];
  }

  notify(event: string, payload: Record<string, unknown>, operator: ZoomUser | undefined): void {
    this.webhooks.notify(event, { email: operator?.email ?? '', id: operator?.id ?? '' }, payload);
  }

  private status(ctx: ApiContext, switches: ZoomSwitchValues): Reply {
    const meeting = this.anyMeeting(ctx.params.meetingId);
    const nowMs = ctx.now.getTime();
    const recoverable =
      meeting?.deletedAt !== undefined &&
      nowMs - meeting.deletedAt < switches.deletedRecoveryDays * DAY_MS;
    if (!meeting || (meeting.deletedAt !== undefined && !recoverable) || isExpired(meeting, nowMs))
      return errors.meetingNotFound(ctx.params.meetingId!);
    this.tagHost(ctx, meeting.hostId);
    const body = parseBody(ctx.rawBody);
    if (!body) return errors.invalidJson();
    const validate = requestValidators().meetingStatus;
    if (!validate(body) || body.action === undefined)
      return errors.validationFailed(
        validate.errors
          ? fieldErrors(validate.errors, switches.validationMessages === 'detailed')
          : [this.invalid(switches)('action', 'is required: end or recover')],
      );
    if (body.action === 'recover') {
      delete meeting.deletedAt;
      return { status: 204 };
    }
    if (meeting.deletedAt !== undefined) return errors.meetingNotFound(ctx.params.meetingId!);
    meeting.status = 'waiting';
    return { status: 204 };
  }

  private invitation(ctx: ApiContext): Reply {
    const meeting = this.liveMeeting(ctx.params.meetingId, ctx.now.getTime());
    if (!meeting) return errors.meetingNotFound(ctx.params.meetingId!);
    const host = this.tagHost(ctx, meeting.hostId);
    return {
      status: 200,
      body: {
        invitation: invitationText(meeting, host ? fullName(host) : '', ctx.now),
        sip_links: [sipAddress(meeting)],
      },
    };
  }

  private inviteLinks(ctx: ApiContext, switches: ZoomSwitchValues): Reply {
    const meeting = this.liveMeeting(ctx.params.meetingId, ctx.now.getTime());
    if (!meeting) {
      const [status, code] = switches.unknownMeetingOnInviteLinks.split('/').map(Number);
      const message =
        code === 300
          ? 'Meeting ID does not exist.'
          : `Meeting does not exist: ${ctx.params.meetingId}`;
      return zoomError(status!, code!, message);
    }
    this.tagHost(ctx, meeting.hostId);
    const body = parseBody(ctx.rawBody);
    if (!body) return errors.invalidJson();
    const validate = requestValidators().inviteLinks;
    if (!validate(body))
      return errors.validationFailed(
        fieldErrors(validate.errors, switches.validationMessages === 'detailed'),
      );
    const attendees = (body.attendees as Array<{ name: string }> | undefined) ?? [];
    return {
      status: 201,
      body: {
        attendees: attendees.map(({ name }) => ({
          name,
          join_url: `https://zoom.us/j/${meeting.id}?tk=${opaqueToken(32)}${
            meeting.encryptedPassword ? `&pwd=${meeting.encryptedPassword}` : ''
          }`,
        })),
      },
    };
  }

  /**
   * SPEC `user` (Get a user): 200 with the user; 404/1001 for one the account does not have. A
   * `pending` user (invited, not joined) is listed as Zoom lists them, status `pending`.
   */
  private user(ctx: ApiContext): Reply {
    const user = this.users.find(ctx.params.userId!);
    if (!user) return errors.noSuchUser(ctx.params.userId!);
    ctx.tag('user', user.email);
    return { status: 200, body: this.userBody(user) };
  }

  private userBody(user: ZoomUser) {
    return {
      id: user.id,
      first_name: user.firstName,
      last_name: user.lastName,
      display_name: fullName(user),
      email: user.email,
      type: user.type,
      status: user.status,
      timezone: user.timezone,
      account_id: this.account.accountId,
      user_created_at: new Date(user.createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      verified: 1,
    };
  }

  /** SPEC `users` (List users): one page, `status`, `page_size`, `page_number`, `next_page_token`. */
  private listUsers(ctx: ApiContext, switches: ZoomSwitchValues): Reply {
    return listUsersPage(ctx, this.users.list(), this.userPages, this.invalid(switches), (u) =>
      this.userBody(u),
    );
  }

  private list(ctx: ApiContext, switches: ZoomSwitchValues): Reply {
    const user = this.users.find(ctx.params.userId!);
    if (!user) return errors.userNotFound(ctx.params.userId!);
    ctx.tag('host', user.email);
    const read = readListQuery(ctx.query, this.invalid(switches));
    if ('errors' in read) return errors.validationFailed(read.errors);
    const { query } = read;
    const nowMs = ctx.now.getTime();
    const offset = this.meetingPages.start(query, user.id, nowMs, this.invalid(switches));
    if (typeof offset !== 'number') return errors.validationFailed([offset]);
    const mine = [...this.meetings.values()].filter(
      (m) => m.hostId === user.id && m.deletedAt === undefined && !isExpired(m, nowMs),
    );
    const rows = selectRows(mine, query, ctx.now, switches);
    const token = this.meetingPages.next(query, user.id, offset, rows.length, nowMs);
    return { status: 200, body: listPage(rows, offset, query, token) };
  }
}

/** A JSON object body, `{}` for an empty body, undefined for anything else (ERR: code 300). */
function parseBody(raw: Buffer): Record<string, unknown> | undefined {
  if (raw.length === 0) return {};
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Non-recurring meeting ids expire 30 days after their time (university copies of
 * Zoom's guidance), recurring ones 365 days after they were last used (SUP); here, after the last
 * occurrence, or after creation for type 3 (never started in the emulator).
 */
export function isExpired(meeting: StoredMeeting, nowMs: number): boolean {
  if (meeting.type === 8) {
    const last = meeting.occurrences[meeting.occurrences.length - 1];
    const end = last ? last.startMs + last.duration * 60_000 : meeting.createdAt;
    return nowMs > end + 365 * DAY_MS;
  }
  if (meeting.type === 3) return nowMs > meeting.createdAt + 365 * DAY_MS;
  const start = meeting.startMs ?? meeting.createdAt;
  return nowMs > start + meeting.duration * 60_000 + 30 * DAY_MS;
}
