import type { Catalog } from "../catalog/schema.ts";

/** The days an event of the catalog runs, as calendar days (`YYYY-MM-DD`) in its own zone. */
export interface EventSpan {
  name: string;
  first: string;
  last: string;
}

/**
 * When the catalog's named events run, earliest first: the event's own dates
 * where the source gave them, else the days of its talks (a talk's start is
 * written with the event's offset, so its first ten characters are the local
 * day). Events without a name or without any day are left out.
 */
export function eventSpans(catalog: Catalog): EventSpan[] {
  const days = new Map<string, string[]>();
  for (const talk of catalog.talks) {
    const day = talk.date ?? talk.start?.slice(0, 10);
    if (!day) continue;
    const list = days.get(talk.eventId) ?? [];
    list.push(day);
    days.set(talk.eventId, list);
  }
  const spans: EventSpan[] = [];
  for (const event of catalog.events) {
    if (!event.name) continue;
    const talkDays = (days.get(event.id) ?? []).sort();
    const first = event.startDate ?? talkDays[0];
    const last = event.endDate ?? talkDays[talkDays.length - 1] ?? first;
    if (first && last) spans.push({ name: event.name, first, last });
  }
  return spans.sort((a, b) => a.first.localeCompare(b.first) || a.name.localeCompare(b.name));
}
