/** Times in change messages, as a reader in the event's own zone reads them. */
import { localDate, localParts } from "../time/zone.ts";

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** "15:30" in `zone`. */
export function clockText(instant: Date, zone: string): string {
  const p = localParts(instant, zone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** "Sat 28 Dec" in `zone`. */
export function shortDayText(instant: Date, zone: string): string {
  let f = dayFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      weekday: "short",
      day: "numeric",
      month: "short",
      timeZone: zone,
    });
    dayFormats.set(zone, f);
  }
  return f.format(instant).replace(/,/g, "");
}

/** "15:30", or "Sat 28 Dec 15:30" when it is not on the same local day as `reference`. */
export function timeText(instant: Date, zone: string, reference: Date): string {
  const clock = clockText(instant, zone);
  return localDate(instant, zone) === localDate(reference, zone)
    ? clock
    : `${shortDayText(instant, zone)} ${clock}`;
}

/** "15:30, K.1.105": when (relative to `reference`'s day) and where; either may be missing. */
export function placeText(
  at: { start?: string | undefined; room?: string | null | undefined },
  zone: string,
  reference: Date,
): string {
  const when = at.start ? timeText(new Date(at.start), zone, reference) : "";
  return [when, at.room ?? ""].filter(Boolean).join(", ");
}
