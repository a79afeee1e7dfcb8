import type { HostQuotaPort, ParkedHost } from '../domain/ports.js';

/** Hosts are emails or user ids; Zoom treats emails case-insensitively. */
export function hostKey(host: string): string {
  return host.trim().toLowerCase();
}

interface Known {
  /** The spelling the host was first recorded in. */
  host: string;
  parkedUntil?: Date;
  quota?: { remaining: number; at: Date };
}

/**
 * The `HostQuotaPort` of a Zoom client used without a store (`zoomlink zoom …`, `doctor`, tests):
 * the same model, kept for the life of the process. The daemon and `zoomlink sync` use the
 * store's `hosts` repository instead, so that parking outlives a restart.
 */
export class MemoryHostQuota implements HostQuotaPort {
  private readonly hosts = new Map<string, Known>();

  parkedUntil(host: string, now: Date): Date | undefined {
    const until = this.hosts.get(hostKey(host))?.parkedUntil;
    return until && until.getTime() > now.getTime() ? until : undefined;
  }

  park(host: string, until: Date): void {
    this.known(host).parkedUntil = until;
  }

  parkedHosts(now: Date): ParkedHost[] {
    const out: ParkedHost[] = [];
    for (const known of this.hosts.values()) {
      const until = this.parkedUntil(known.host, now);
      if (until) out.push({ host: known.host, until });
    }
    return out.sort(
      (a, b) => a.until.getTime() - b.until.getTime() || a.host.localeCompare(b.host),
    );
  }

  lastQuota(host: string): { remaining: number; at: Date } | undefined {
    return this.hosts.get(hostKey(host))?.quota;
  }

  recordQuota(host: string, remaining: number, at: Date): void {
    this.known(host).quota = { remaining, at };
  }

  private known(host: string): Known {
    const key = hostKey(host);
    let known = this.hosts.get(key);
    if (!known) {
      known = { host: host.trim() };
      this.hosts.set(key, known);
    }
    return known;
  }
}
