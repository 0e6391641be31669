/**
 * Schedule changes in plain text, as an organizer reads them in `cli diff` and
 * `schedule check` and a rehearsal prints them in the terminal: times as the
 * export wrote them (the event's local time), start–end, so a talk whose end
 * alone moved reads as such.
 */
import type { TalkChange, TalkSlot } from "../catalog/diff.ts";
import type { TrackChangeItem } from "../schedule/changes-by-track.ts";
import { weekday } from "../time/zone.ts";

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** "Fri 27 Dec 11:30", read off the ISO string (already in the event's local time). */
function when(iso: string | undefined): string {
  const m = /^(\d{4}-(\d{2})-(\d{2}))T(\d{2}:\d{2})/.exec(iso ?? "");
  if (!m) return "unscheduled";
  return `${days[weekday(m[1] ?? "")]} ${Number(m[3])} ${months[Number(m[2]) - 1]} ${m[4]}`;
}

function clock(iso: string | undefined): string {
  return /T(\d{2}:\d{2})/.exec(iso ?? "")?.[1] ?? "?";
}

/** "Fri 27 Dec 11:30–12:30, Eliza": when and where, as the export wrote it (the event's zone). */
export function place(slot: TalkSlot): string {
  const time = slot.start ? `${when(slot.start)}–${clock(slot.end)}` : "unscheduled";
  return slot.room ? `${time}, ${slot.room}` : time;
}

export function titleOf(c: TalkChange): string {
  return `"${c.after?.title ?? c.before?.title ?? "(untitled)"}"`;
}

export function speakersOf(slot: TalkSlot | null): string {
  return slot && slot.speakers.length > 0 ? ` (${slot.speakers.join(", ")})` : "";
}

export const changeLabels: Record<TrackChangeItem["kind"], string> = {
  added: "new",
  removed: "cancelled",
  moved: "moved",
  retitled: "retitled",
  speakers: "speakers",
  left: "left",
  joined: "joined",
};
const width = Math.max(...Object.values(changeLabels).map((l) => l.length));

export function changeItemText({ kind, change: c }: TrackChangeItem): string {
  const track = (slot: TalkChange["before"]) => slot?.trackName ?? slot?.trackId ?? "no track";
  switch (kind) {
    case "added":
      return `${titleOf(c)}: ${c.after ? place(c.after) : ""}${speakersOf(c.after)}`;
    case "removed":
      return `${titleOf(c)}: was ${c.before ? place(c.before) : ""}`;
    case "moved":
      return `${titleOf(c)}: ${c.before ? place(c.before) : ""} → ${c.after ? place(c.after) : ""}`;
    case "retitled":
      return `"${c.before?.title ?? ""}" → "${c.after?.title ?? ""}"`;
    case "speakers":
      return `${titleOf(c)}: ${[
        ...c.speakersAdded.map((n) => `+ ${n}`),
        ...c.speakersRemoved.map((n) => `− ${n}`),
      ].join(", ")}`;
    case "left":
      // As this track's readers knew it.
      return `"${c.before?.title ?? c.after?.title ?? "(untitled)"}": now in ${track(c.after)}`;
    case "joined":
      return `${titleOf(c)}: from ${track(c.before)}`;
  }
}

/** What would be announced, track by track (times as the export gives them: the event's zone). */

/** "moved      "HAL": Mon 30 Dec 12:30–13:30, Adams → …": one change, its kind first. */
export function changeItemLine(item: TrackChangeItem): string {
  return `${changeLabels[item.kind].padEnd(width)}  ${changeItemText(item)}`;
}
