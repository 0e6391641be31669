import ICAL from "ical.js";

/** What a calendar app would read from our feed, parsed by ical.js (not the library that wrote it). */
export interface ParsedCalendar {
  calendar: ICAL.Component;
  events: ICAL.Event[];
  /** TZIDs of the VTIMEZONE blocks in the file. */
  zones: string[];
  /** X-WR-CALNAME read as TEXT (ical.js knows neither it nor RFC 7986 NAME, and leaves both raw). */
  name: string | undefined;
  byUid(uid: string): ICAL.Event;
}

export function parseIcs(text: string): ParsedCalendar {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
  const zones = calendar
    .getAllSubcomponents("vtimezone")
    .map((z) => String(z.getFirstPropertyValue("tzid")));
  return {
    calendar,
    events,
    zones,
    name: textOf(calendar.getFirstProperty("x-wr-calname")),
    byUid(uid) {
      const found = events.find((e) => e.uid === uid);
      if (!found) throw new Error(`no VEVENT with UID ${uid} among ${events.map((e) => e.uid)}`);
      return found;
    },
  };
}

/** The TZID parameter a VEVENT's DTSTART was written with (undefined for UTC). */
export function startZone(event: ICAL.Event): string | undefined {
  const tzid = event.component.getFirstProperty("dtstart")?.getParameter("tzid");
  return typeof tzid === "string" ? tzid : undefined;
}

function textOf(prop: ICAL.Property | null): string | undefined {
  if (!prop) return undefined;
  const raw = String(prop.getFirstValue());
  return String(ICAL.Property.fromString(`X-TEXT;VALUE=TEXT:${raw}`).getFirstValue());
}
