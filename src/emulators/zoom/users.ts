import { zoomUserId } from './ids.js';

export interface ZoomUserInput {
  email: string;
  firstName?: string;
  lastName?: string;
  timezone?: string;
}

export interface ZoomUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  timezone: string;
}

/**
 * The account's users. `/users/{userId}/…` takes a user id, an email (case-insensitive) or `me`
 * (SPEC); for a Server-to-Server app `me` is the app's owner (facts §2), here the first user.
 */
export class UserDirectory {
  private readonly byId = new Map<string, ZoomUser>();

  add(input: ZoomUserInput): ZoomUser {
    const existing = this.find(input.email);
    if (existing) return existing;
    const [local = input.email] = input.email.split('@');
    const user: ZoomUser = {
      id: zoomUserId(),
      email: input.email,
      firstName: input.firstName ?? local,
      lastName: input.lastName ?? '',
      timezone: input.timezone ?? 'UTC',
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

  clear(): void {
    this.byId.clear();
  }
}
