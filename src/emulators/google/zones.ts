import { IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon';

/**
 * IANA zones whose UTC offsets are remembered. luxon asks Intl for the offset of every instant it
 * places in a zone, which dominated the cost of seeding and listing a 10,000-event room. Offsets
 * change only at transitions, and (since zone offsets are whole quarter hours and transitions
 * happen at whole local times) transitions fall on quarter hours of UTC: one cached offset per
 * quarter hour is exact.
 */
class RememberingZone extends Zone<true> {
  private readonly offsets = new Map<number, number>();

  constructor(private readonly inner: IANAZone) {
    super();
  }

  override get type(): string {
    return 'iana';
  }

  override get name(): string {
    return this.inner.name;
  }

  override get isUniversal(): boolean {
    return false;
  }

  override get isValid(): true {
    return true;
  }

  override offsetName(ts: number, options: ZoneOffsetOptions): string {
    return this.inner.offsetName(ts, options) ?? '';
  }

  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    return this.inner.formatOffset(ts, format);
  }

  override offset(ts: number): number {
    const quarter = Math.floor(ts / 900_000);
    let minutes = this.offsets.get(quarter);
    if (minutes === undefined) {
      minutes = this.inner.offset(ts);
      if (this.offsets.size >= 500_000) this.offsets.clear();
      this.offsets.set(quarter, minutes);
    }
    return minutes;
  }

  override equals(other: Zone): boolean {
    return other.type === 'iana' && other.name === this.name;
  }
}

const zones = new Map<string, Zone | undefined>();

/** The zone named (an IANA name), or undefined when luxon does not know it. */
export function zoneNamed(name: string): Zone | undefined {
  if (!zones.has(name)) {
    const inner = IANAZone.create(name);
    zones.set(name, inner.isValid ? new RememberingZone(inner) : undefined);
  }
  return zones.get(name);
}

/** For luxon calls: the remembering zone, or the name itself (fixed offsets like `UTC+1`). */
export function zone(name: string): Zone | string {
  return zoneNamed(name) ?? name;
}
