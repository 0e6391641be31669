import { describe, expect, it } from "vitest";
import { vtimezoneFor } from "../../src/calendar/vtimezone.ts";
import { zonedInstant } from "../../src/time/zone.ts";

/** Every day of `year` at `time` local in `zone`, as instants. */
function dailyAt(year: number, time: string, zone: string): Date[] {
  const days: Date[] = [];
  for (let d = Date.UTC(year, 0, 1); d < Date.UTC(year + 1, 0, 1); d += 86_400_000) {
    days.push(zonedInstant(new Date(d).toISOString().slice(0, 10), time, zone));
  }
  return days;
}

describe("vtimezoneFor", () => {
  it("gives the block for zones whose rules have not changed since the package's data", () => {
    for (const [zone, year] of [
      ["Europe/London", 2018],
      ["Europe/London", 2020],
      ["Europe/Brussels", 2026],
      ["Europe/Berlin", 2019],
      ["America/Los_Angeles", 2025],
      ["Australia/Sydney", 2024],
    ] as const) {
      const times = [...dailyAt(year, "10:35", zone), ...dailyAt(year, "03:30", zone)];
      const block = vtimezoneFor(zone, times);
      expect(block, `${zone} ${year}`).toContain(`TZID:${zone}`);
      expect(block).toMatch(/^BEGIN:VTIMEZONE[\s\S]*END:VTIMEZONE$/);
    }
  });

  it("refuses a zone whose rules changed: Mexico City kept summer time until 2022", () => {
    const zone = "America/Mexico_City";
    expect(vtimezoneFor(zone, dailyAt(2020, "10:00", zone))).not.toBeNull();
    expect(vtimezoneFor(zone, dailyAt(2026, "10:00", zone))).toBeNull();
    // Winter times still agree: only the instants written decide.
    expect(vtimezoneFor(zone, [new Date("2026-01-15T16:00:00Z")])).not.toBeNull();
  });

  it("refuses the second of two readings of one wall time (the autumn hour)", () => {
    // 01:30 happens twice in London on 25 Oct 2020: RFC 5545 reads it as the first.
    expect(vtimezoneFor("Europe/London", [new Date("2020-10-25T00:30:00Z")])).not.toBeNull();
    expect(vtimezoneFor("Europe/London", [new Date("2020-10-25T01:30:00Z")])).toBeNull();
  });

  it("refuses zones it has no block of its own name for", () => {
    expect(vtimezoneFor("UTC", [new Date("2020-03-03T10:35:00Z")])).toBeNull();
    expect(vtimezoneFor("Etc/UTC", [new Date("2020-03-03T10:35:00Z")])).toContain("TZID:Etc/UTC");
    expect(vtimezoneFor("Mars/Olympus_Mons", [new Date()])).toBeNull();
  });
});
