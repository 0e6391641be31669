import type { TalkChange, TalkSlot } from "../catalog/diff.ts";
import type { Catalog } from "../catalog/schema.ts";

/** When a slot stops mattering: its end, else its start; null for a talk with no time. */
export function slotOver(slot: TalkSlot): number | null {
  const at = slot.end ?? slot.start;
  if (!at) return null;
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * The instant after which none of `slots` matters any more; +Infinity when one
 * has no time (an unscheduled talk has not ended).
 */
export function lastOver(slots: readonly (TalkSlot | null)[]): number {
  let last = Number.NEGATIVE_INFINITY;
  for (const s of slots) {
    if (!s) continue;
    const over = slotOver(s);
    last = Math.max(last, over ?? Number.POSITIVE_INFINITY);
  }
  return last;
}

/** Both sides of a change: a move matters while the old or the new slot is still to come. */
export function bothSides(c: TalkChange): (TalkSlot | null)[] {
  return [c.before, c.after];
}

/** How long a notice about unscheduled talks stays worth sending. */
const UNTIMED_MS = 6 * 60 * 60_000;

/** A deliverable's deadline from the last instant its content matters. */
export function deadlineFrom(last: number, now: Date): Date {
  return new Date(Number.isFinite(last) ? last : now.getTime() + UNTIMED_MS);
}

/** Each event's zone, UTC when it names none. */
export function zonesOf(...catalogs: (Catalog | null | undefined)[]): (eventId: string) => string {
  const zones = new Map<string, string>();
  for (const c of catalogs) {
    for (const e of c?.events ?? []) if (!zones.has(e.id)) zones.set(e.id, e.timeZone ?? "UTC");
  }
  return (eventId) => zones.get(eventId) ?? "UTC";
}
