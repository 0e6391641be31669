import { realDay } from "../../time/day.ts";
import { parseOffset, zonedInstant } from "../../time/zone.ts";

const dateTime =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export type DateTimeReading =
  | {
      instant: Date /** minutes east of UTC as written, null when none was */;
      offset: number | null;
    }
  | { error: "format" | "impossible" };

/**
 * An ISO 8601 date-time from an export: with an offset (frab) it is that instant;
 * without one (Sessionize) it is read as wall-clock time in `zone`.
 */
export function readDateTime(value: string, zone: string): DateTimeReading {
  const m = dateTime.exec(value.trim());
  if (!m) return { error: "format" };
  const [, day = "", hh = "", mm = "", ss = "00", written] = m;
  if (!realDay(day) || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) {
    return { error: "impossible" };
  }
  if (written) return { instant: new Date(value.trim()), offset: parseOffset(written) };
  return { instant: zonedInstant(day, `${hh}:${mm}:${ss}`, zone), offset: null };
}

/** `YYYY-MM-DD` at the start of a date or date-time string, if it is a real day. */
export function dayOf(value: string | undefined): string | undefined {
  const m = /^\s*(\d{4}-\d{2}-\d{2})/.exec(value ?? "");
  return m?.[1] && realDay(m[1]) ? m[1] : undefined;
}
