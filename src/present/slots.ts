import type { SearchResult } from "../search/types.ts";
import { dayText } from "../time/format.ts";

/** "Sun 1 Feb 2026, 09:00": a slot's start as the event's own schedule reads. */
export function slotLabel(start: string): string {
  return `${dayText(start.slice(0, 10))}, ${start.slice(11, 16)}`;
}

/** The slot a hit of a grouped answer starts, when it starts a new one on the page. */
export function slotHeads(result: SearchResult): Map<number, string> {
  const heads = new Map<number, string>();
  if (!result.slots) return heads;
  const counts = new Map(result.slots.map((s) => [s.start, s.count]));
  let previous: string | undefined;
  result.hits.forEach((hit, i) => {
    const start = hit.talk.start;
    if (!start || start === previous) return;
    previous = start;
    const n = counts.get(start) ?? 0;
    heads.set(i, `${slotLabel(start)} · ${n} talk${n === 1 ? "" : "s"}`);
  });
  return heads;
}

/** The slots after the page, "09:05 (5), 09:10 (2)", at most `max` of them. */
export function laterSlots(result: SearchResult, max = 8): string | null {
  const slots = result.slots;
  const last = result.hits[result.hits.length - 1]?.talk.start;
  if (!slots || !last) return null;
  const after = slots.filter((s) => s.start > last);
  if (after.length === 0) return null;
  const shown = after.slice(0, max).map((s) => `${s.start.slice(11, 16)} (${s.count})`);
  const more = after.length > max ? `, and ${after.length - max} more slots` : "";
  return `Later: ${shown.join(", ")}${more}`;
}
