import { describe, expect, it } from "vitest";
import {
  addDays,
  formatOffset,
  localDate,
  localParts,
  offsetMinutes,
  parseOffset,
  toOffsetIso,
  weekday,
  zonedInstant,
} from "../../src/time/zone.ts";

const at = (date: string, time: string, zone: string) => {
  const instant = zonedInstant(date, time, zone);
  return { utc: instant.toISOString(), local: toOffsetIso(instant, zone) };
};

describe("zonedInstant + toOffsetIso", () => {
  it("QCon London 2020 is on GMT: +00:00", () => {
    expect(at("2020-03-03", "10:35", "Europe/London")).toEqual({
      utc: "2020-03-03T10:35:00.000Z",
      local: "2020-03-03T10:35:00+00:00",
    });
  });

  it("British summer time is +01:00", () => {
    expect(at("2020-07-01", "09:00", "Europe/London")).toEqual({
      utc: "2020-07-01T08:00:00.000Z",
      local: "2020-07-01T09:00:00+01:00",
    });
  });

  describe("Europe/London on its DST days (29 March and 25 October 2020)", () => {
    it("just before the spring gap is still GMT", () => {
      expect(at("2020-03-29", "00:59", "Europe/London").local).toBe("2020-03-29T00:59:00+00:00");
    });
    it("a time in the spring gap (01:30) is read as the same minutes after it: 02:30 BST", () => {
      expect(at("2020-03-29", "01:30", "Europe/London")).toEqual({
        utc: "2020-03-29T01:30:00.000Z",
        local: "2020-03-29T02:30:00+01:00",
      });
    });
    it("02:00 on the spring day is the first minute of BST", () => {
      expect(at("2020-03-29", "02:00", "Europe/London")).toEqual({
        utc: "2020-03-29T01:00:00.000Z",
        local: "2020-03-29T02:00:00+01:00",
      });
    });
    it("an autumn time that happens twice (01:30) is the first one, still BST", () => {
      expect(at("2020-10-25", "01:30", "Europe/London")).toEqual({
        utc: "2020-10-25T00:30:00.000Z",
        local: "2020-10-25T01:30:00+01:00",
      });
    });
    it("after the autumn repeat it is GMT again", () => {
      expect(at("2020-10-25", "02:00", "Europe/London").local).toBe("2020-10-25T02:00:00+00:00");
    });
  });

  describe("America/Los_Angeles on its DST days (8 March and 1 November 2020)", () => {
    it("PST before the spring gap", () => {
      expect(at("2020-03-08", "01:59", "America/Los_Angeles").local).toBe(
        "2020-03-08T01:59:00-08:00",
      );
    });
    it("02:30 does not exist: read as 03:30 PDT", () => {
      expect(at("2020-03-08", "02:30", "America/Los_Angeles")).toEqual({
        utc: "2020-03-08T10:30:00.000Z",
        local: "2020-03-08T03:30:00-07:00",
      });
    });
    it("03:00 is PDT", () => {
      expect(at("2020-03-08", "03:00", "America/Los_Angeles").local).toBe(
        "2020-03-08T03:00:00-07:00",
      );
    });
    it("01:30 happens twice in November: the first, PDT", () => {
      expect(at("2020-11-01", "01:30", "America/Los_Angeles")).toEqual({
        utc: "2020-11-01T08:30:00.000Z",
        local: "2020-11-01T01:30:00-07:00",
      });
    });
    it("02:00 in November is PST", () => {
      expect(at("2020-11-01", "02:00", "America/Los_Angeles").local).toBe(
        "2020-11-01T02:00:00-08:00",
      );
    });
  });

  it("half-hour zones and half-hour DST shifts", () => {
    expect(at("2020-01-15", "12:00", "Asia/Kolkata").local).toBe("2020-01-15T12:00:00+05:30");
    expect(at("2020-01-15", "12:00", "Asia/Kathmandu").local).toBe("2020-01-15T12:00:00+05:45");
    expect(at("2020-01-15", "12:00", "America/St_Johns").local).toBe("2020-01-15T12:00:00-03:30");
    // Lord Howe Island moves its clocks by 30 minutes; 01:45 on 5 April 2020 happens twice.
    expect(at("2020-04-05", "01:45", "Australia/Lord_Howe").local).toBe(
      "2020-04-05T01:45:00+11:00",
    );
  });

  it("keeps seconds", () => {
    expect(at("2018-03-05", "09:00:30", "Europe/London").local).toBe("2018-03-05T09:00:30+00:00");
  });

  it("round-trips every quarter hour of both London DST days", () => {
    for (const day of ["2020-03-29", "2020-10-25"]) {
      for (let m = 0; m < 24 * 60; m += 15) {
        const time = `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
        const local = at(day, time, "Europe/London").local;
        if (day === "2020-03-29" && time >= "01:00" && time < "02:00") continue; // the gap
        expect(local.slice(0, 16)).toBe(`${day}T${time}`);
      }
    }
  });
});

describe("offsets", () => {
  it("offsetMinutes follows the zone's rules", () => {
    expect(offsetMinutes(new Date("2020-03-03T10:35:00Z"), "Europe/London")).toBe(0);
    expect(offsetMinutes(new Date("2020-06-03T10:35:00Z"), "Europe/London")).toBe(60);
    expect(offsetMinutes(new Date("2020-03-03T10:35:00Z"), "America/Los_Angeles")).toBe(-480);
    expect(offsetMinutes(new Date("2020-03-09T10:35:00Z"), "America/Los_Angeles")).toBe(-420);
    expect(offsetMinutes(new Date("2020-03-03T10:35:00.999Z"), "Europe/Paris")).toBe(60);
  });

  it("formatOffset and parseOffset are inverse", () => {
    for (const m of [0, 60, -480, -420, 330, 345, -210, 840, -720]) {
      expect(parseOffset(`2020-01-01T00:00:00${formatOffset(m)}`)).toBe(m);
    }
    expect(formatOffset(0)).toBe("+00:00");
    expect(formatOffset(-210)).toBe("-03:30");
    expect(parseOffset("2020-01-01T00:00:00Z")).toBe(0);
    expect(parseOffset("2020-01-01T00:00:00")).toBeNull();
  });

  it("toOffsetIso of the same instant in two zones", () => {
    const instant = new Date("2020-11-01T09:30:00Z");
    expect(toOffsetIso(instant, "America/Los_Angeles")).toBe("2020-11-01T01:30:00-08:00");
    expect(toOffsetIso(instant, "Europe/London")).toBe("2020-11-01T09:30:00+00:00");
  });
});

describe("days", () => {
  it("localDate is the day in the zone, not in UTC", () => {
    const instant = new Date("2020-03-04T02:00:00Z");
    expect(localDate(instant, "Europe/London")).toBe("2020-03-04");
    expect(localDate(instant, "America/Los_Angeles")).toBe("2020-03-03");
    expect(localParts(instant, "America/Los_Angeles")).toMatchObject({ day: 3, hour: 18 });
  });

  it("addDays and weekday", () => {
    expect(addDays("2020-02-28", 1)).toBe("2020-02-29");
    expect(addDays("2020-02-28", 2)).toBe("2020-03-01");
    expect(addDays("2018-03-05", 2)).toBe("2018-03-07");
    expect(addDays("2020-03-01", -1)).toBe("2020-02-29");
    expect(weekday("2020-03-03")).toBe(2); // Tuesday
    expect(weekday("2018-03-05")).toBe(1); // Monday
  });
});
