/**
 * Retry-After per host: when a server asks for a rest, every call to that host waits for it, not
 * only the one that was told (a second call sent meanwhile would be refused the same way and cost
 * a call). One shared wait per host: the call that was told sleeps it, the others await the same
 * sleep, so a hold costs one timer however many calls wait on it.
 */
export class HostPauses {
  private readonly holds = new Map<string, { until: number; over: Promise<void> }>();

  constructor(
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Holds calls to `host` for `ms` (a longer hold in place stays); resolves when it is over. */
  hold(host: string, ms: number): Promise<void> {
    const until = this.clock() + ms;
    const current = this.holds.get(host);
    if (current && current.until >= until) return current.over;
    const hold = { until, over: Promise.resolve() };
    hold.over = this.sleep(ms).then(() => {
      if (this.holds.get(host) === hold) this.holds.delete(host);
    });
    this.holds.set(host, hold);
    return hold.over;
  }

  /** Resolves at once when `host` is not held, else when every hold on it is over. */
  async ready(host: string): Promise<void> {
    for (let hold = this.holds.get(host); hold; hold = this.holds.get(host)) await hold.over;
  }
}
