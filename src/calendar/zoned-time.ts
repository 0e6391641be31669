import type {
  ICalTemporalInstantStub,
  ICalTemporalPlainDateStub,
  ICalTemporalPlainDateTimeStub,
  ICalTemporalZonedDateTimeStub,
} from "ical-generator";
import { type LocalParts, localParts } from "../time/zone.ts";

// ical-generator writes a plain Date that has a TZID with the *process's* local
// getters (getHours…), so on a server running in UTC a 10:35 Brussels talk would
// come out as 09:35 Brussels. It reads Temporal objects properly, and Node 20 has
// no Temporal: these are the few members of Temporal.Instant / ZonedDateTime /
// PlainDateTime it reads, computed from the instant with the ICU zone data.

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function plainDate(p: LocalParts): ICalTemporalPlainDateStub {
  const text = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
  return { year: p.year, month: p.month, day: p.day, toJSON: () => text, toString: () => text };
}

function plainDateTime(instant: Date, p: LocalParts): ICalTemporalPlainDateTimeStub {
  const text = `${plainDate(p).toString()}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
  return {
    ...p,
    toPlainDate: () => plainDate(p),
    toZonedDateTime: (timeZone) => zonedDateTime(instant, timeZone),
    toJSON: () => text,
    toString: () => text,
  };
}

function zonedDateTime(instant: Date, timeZone: string): ICalTemporalZonedDateTimeStub {
  const p = localParts(instant, timeZone);
  const text = `${plainDateTime(instant, p).toString()}[${timeZone}]`;
  return {
    ...p,
    timeZoneId: timeZone,
    toInstant: () => temporalInstant(instant),
    toPlainDateTime: () => plainDateTime(instant, p),
    withTimeZone: (other) => zonedDateTime(instant, other),
    toJSON: () => text,
    toString: () => text,
  };
}

/** `instant` as ical-generator's Temporal.Instant: written in an event's zone as that zone's wall time. */
export function temporalInstant(instant: Date): ICalTemporalInstantStub {
  const text = instant.toISOString();
  return {
    epochMilliseconds: instant.getTime(),
    toZonedDateTimeISO: (timeZone) => zonedDateTime(instant, timeZone),
    toJSON: () => text,
    toString: () => text,
  };
}
