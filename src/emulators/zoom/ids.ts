import { randomBytes, randomInt } from 'node:crypto';

/** Identifiers shaped like Zoom's (SPEC examples). Random, never derived from secrets. */

/** A user, account or client id: 16 random bytes in base64url, 22 characters. */
export function zoomUserId(): string {
  return randomBytes(16).toString('base64url');
}

/** A meeting number: int64, 11 digits as Zoom's usually are (SPEC: "can be more than 10 digits"). */
export function meetingNumber(taken: (id: number) => boolean): number {
  for (;;) {
    const id = randomInt(80_000_000_000, 99_999_999_999);
    if (!taken(id)) return id;
  }
}

/** A meeting instance uuid: 16 random bytes in base64, 24 characters ending in `==`. */
export function meetingUuid(): string {
  return randomBytes(16).toString('base64');
}

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export function randomAlnum(length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += ALNUM[randomInt(ALNUM.length)];
  return out;
}

/** A generated passcode: 6 characters from Zoom's default charset (SPEC `password`). */
export function passcode(): string {
  return randomAlnum(6);
}

/** The `pwd` of a join URL: an opaque encrypted passcode, like SPEC's `8pEkRw….1`. */
export function encryptedPasscode(): string {
  return `${randomBytes(24).toString('base64url')}.1`;
}

/** A secret-looking opaque string (client secrets, invite-link tokens, page tokens). */
export function opaqueToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
