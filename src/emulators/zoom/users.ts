import { zoomUserId } from './ids.js';

/** SPEC `user`: `type` 1 Basic, 2 Licensed, 99 None; `status` pending, active, inactive. */
export type ZoomUserType = 1 | 2 | 99;
export type ZoomUserStatus = 'active' | 'inactive' | 'pending';

export interface ZoomUserInput {
  email: string;
  firstName?: string;
  lastName?: string;
  timezone?: string;
  /** Licensed (2) unless told. */
  type?: ZoomUserType;
  /** Active unless told. */
  status?: ZoomUserStatus;
}

export interface ZoomUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  timezone: string;
  type: ZoomUserType;
  status: ZoomUserStatus;
  /** Epoch ms when the user was added. */
  createdAt: number;
}

/**
 * The account's users. `/users/{userId}/…` takes a user id, an email (case-insensitive) or `me`
 * (SPEC); for a Server-to-Server app `me` is the app's owner (UNCONFIRMED, undocumented), here the
 * first user.
 */
export class UserDirectory {
  private readonly byId = new Map<string, ZoomUser>();

  add(input: ZoomUserInput, nowMs = Date.now()): ZoomUser {
    const existing = this.find(input.email);
    if (existing) return existing;
    const [local = input.email] = input.email.split('@');
    const user: ZoomUser = {
      id: zoomUserId(),
      email: input.email,
      firstName: input.firstName ?? local,
      lastName: input.lastName ?? '',
      timezone: input.timezone ?? 'UTC',
      type: input.type ?? 2,
      status: input.status ?? 'active',
      createdAt: nowMs,
    };
    this.byId.set(user.id, user);
    return user;
  }

  find(idOrEmail: string): ZoomUser | undefined {
    if (idOrEmail === 'me') return this.byId.values().next().value;
    const byId = this.byId.get(idOrEmail);
    if (byId) return byId;
    const email = idOrEmail.toLowerCase();
    for (const user of this.byId.values()) if (user.email.toLowerCase() === email) return user;
    return undefined;
  }

  get(id: string): ZoomUser | undefined {
    return this.byId.get(id);
  }

  list(): ZoomUser[] {
    return [...this.byId.values()];
  }
}
