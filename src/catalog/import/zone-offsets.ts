import { formatOffset, offsetMinutes } from "../../time/zone.ts";

const quarterHour = 15 * 60_000;

/**
 * `offsetMinutes` memoised per zone and quarter hour: a schedule asks for the same
 * few hours thousands of times, and each uncached answer is an Intl formatting call.
 * Zones change offset only on quarter-hour boundaries (every rule since 1970), so
 * every instant in a quarter hour shares its offset.
 */
export class ZoneOffsets {
  private readonly cache = new Map<number, number>();

  constructor(readonly timeZone: string) {}

  at(instant: Date): number {
    const bucket = Math.floor(instant.getTime() / quarterHour);
    let offset = this.cache.get(bucket);
    if (offset === undefined) {
      offset = offsetMinutes(new Date(bucket * quarterHour), this.timeZone);
      this.cache.set(bucket, offset);
    }
    return offset;
  }

  /** `YYYY-MM-DDTHH:MM:SS±HH:MM` as clocks in the zone read it (cf. `toOffsetIso`). */
  iso(instant: Date): string {
    const offset = this.at(instant);
    const local = new Date(instant.getTime() + offset * 60_000).toISOString().slice(0, 19);
    return `${local}${formatOffset(offset)}`;
  }

  /** `YYYY-MM-DD` of the instant in the zone (cf. `localDate`). */
  day(instant: Date): string {
    return new Date(instant.getTime() + this.at(instant) * 60_000).toISOString().slice(0, 10);
  }
}
