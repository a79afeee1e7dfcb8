import { randomBytes } from 'node:crypto';

/** Who a bearer token acts for: the impersonated user (`sub`), a user's OAuth grant, or the service account itself. */
export interface Principal {
  user: string;
  via: 'delegation' | 'serviceAccount' | 'userOAuth';
  scopes: string[];
}

interface Issued {
  principal: Principal;
  expiresAtMs: number;
}

/** Google's answer: `expires_in` 3599 is the value usually reported (UNCONFIRMED as exact). */
export const accessTokenLifetimeSeconds = 3599;

/** Access and refresh tokens the emulator has issued; expiry follows the emulator's clock. */
export class TokenStore {
  private readonly access = new Map<string, Issued>();
  private readonly refresh = new Map<string, { email: string; scopes: string[] }>();

  issueAccess(principal: Principal, nowMs: number): { access_token: string; expires_in: number } {
    const token = `ya29.${randomBytes(48).toString('base64url')}`;
    this.access.set(token, { principal, expiresAtMs: nowMs + accessTokenLifetimeSeconds * 1000 });
    if (this.access.size > 50_000) this.dropExpired(nowMs);
    return { access_token: token, expires_in: accessTokenLifetimeSeconds };
  }

  lookup(token: string, nowMs: number): Principal | undefined {
    const issued = this.access.get(token);
    if (!issued) return undefined;
    if (issued.expiresAtMs <= nowMs) {
      this.access.delete(token);
      return undefined;
    }
    return issued.principal;
  }

  /** Every access token issued so far stops working (refresh tokens stay valid). */
  expireAll(): number {
    const n = this.access.size;
    this.access.clear();
    return n;
  }

  issueRefresh(email: string, scopes: string[]): string {
    const token = `1//${randomBytes(36).toString('base64url')}`;
    this.refresh.set(token, { email, scopes });
    return token;
  }

  redeemRefresh(token: string): { email: string; scopes: string[] } | undefined {
    return this.refresh.get(token);
  }

  revokeRefresh(token: string): boolean {
    return this.refresh.delete(token);
  }

  counts(): { accessTokens: number; refreshTokens: number } {
    return { accessTokens: this.access.size, refreshTokens: this.refresh.size };
  }

  clear(): void {
    this.access.clear();
    this.refresh.clear();
  }

  private dropExpired(nowMs: number): void {
    for (const [token, issued] of this.access)
      if (issued.expiresAtMs <= nowMs) this.access.delete(token);
  }
}
