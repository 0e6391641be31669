import { realDay } from "./day.ts";

// Instants and days as a reader sees them, in the event's own zone.

const dayFormat = new Map<string, Intl.DateTimeFormat>();
const timeFormat = new Map<string, Intl.DateTimeFormat>();

function cached(
  map: Map<string, Intl.DateTimeFormat>,
  zone: string,
  opts: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  let f = map.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { ...opts, timeZone: zone });
    map.set(zone, f);
  }
  return f;
}

/**
 * Talks share slots, so the same start, end and zone come up again and again:
 * each text is formatted once (formatToParts is the costly part of a view).
 */
const whenTexts = new Map<string, string>();
const whenTextsMax = 4_096;

/** "Tue 3 Mar 2020, 10:35–11:25 GMT", read in the event's zone (UTC when it has none). */
export function whenText(start: Date, end: Date | undefined, timeZone: string): string {
  const key = `${timeZone} ${start.getTime()} ${end?.getTime()}`;
  let text = whenTexts.get(key);
  if (text === undefined) {
    text = formatWhen(start, end, timeZone);
    if (whenTexts.size >= whenTextsMax) whenTexts.clear();
    whenTexts.set(key, text);
  }
  return text;
}

/**
 * "Wed 7 Mar 2018" for a talk known only by its day (`YYYY-MM-DD`): a calendar
 * day, the same for every reader, so it is shown as written, not converted.
 */
export function dayText(date: string): string {
  return realDay(date) ? dayOf(new Date(`${date}T00:00:00Z`), "UTC") : date;
}

function dayOf(at: Date, timeZone: string): string {
  return cached(dayFormat, timeZone, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
  })
    .format(at)
    .replace(/,/g, "");
}

function formatWhen(start: Date, end: Date | undefined, timeZone: string): string {
  const day = dayOf(start, timeZone);
  const t = cached(timeFormat, timeZone, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  });
  const startParts = t.formatToParts(start);
  const clock = (parts: Intl.DateTimeFormatPart[]) =>
    parts
      .filter((p) => p.type === "hour" || p.type === "minute" || p.type === "literal")
      .map((p) => p.value)
      .join("")
      .trim();
  const zoneName = startParts.find((p) => p.type === "timeZoneName")?.value ?? timeZone;
  const range = end ? `${clock(startParts)}–${clock(t.formatToParts(end))}` : clock(startParts);
  return `${day}, ${range} ${zoneName}`;
}
