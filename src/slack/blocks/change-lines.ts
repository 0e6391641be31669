/**
 * Shared wording of schedule changes in Slack messages: times as `<!date^…>`
 * (each reader's own zone, the event's as fallback), every catalog string escaped.
 */
import type { TalkSlot } from "../../catalog/diff.ts";
import { clockText } from "../../schedule/change-time.ts";
import { whenText } from "../../time/format.ts";
import { slackDate } from "../mrkdwn.ts";
import { fitMrkdwn } from "./limits.ts";

/** `<!date^…|Fri 27 Dec 2019, 11:30–12:30 CET>`, or "no time yet". */
export function whenMrkdwn(slot: TalkSlot, zone: string): string {
  if (!slot.start) return "no time yet";
  const start = new Date(slot.start);
  if (Number.isNaN(start.getTime())) return "no time yet";
  const end = slot.end ? new Date(slot.end) : undefined;
  const fallback = whenText(start, end && !Number.isNaN(end.getTime()) ? end : undefined, zone);
  return slackDate(start, "{date_short_pretty} {time}", fallback);
}

/**
 * "<when>, Room" with the room escaped; `withEnd` adds "–<end>" (a move that only
 * changed when the talk ends would otherwise read "11:30 → 11:30").
 */
export function placeMrkdwn(slot: TalkSlot, zone: string, withEnd = false): string {
  let when = whenMrkdwn(slot, zone);
  const end = withEnd && slot.end ? new Date(slot.end) : null;
  if (end && !Number.isNaN(end.getTime())) {
    when += `–${slackDate(end, "{time}", clockText(end, zone))}`;
  }
  return slot.room ? `${when}, ${fitMrkdwn(slot.room, 80)}` : when;
}

/** The title in bold, escaped; an untitled talk as the release knew it. */
export function titleMrkdwn(slot: TalkSlot | null, max = 200): string {
  return `*${fitMrkdwn(slot?.title ?? "Untitled talk", max)}*`;
}

export function speakersMrkdwn(names: readonly string[], max = 300): string {
  return names.length > 0 ? fitMrkdwn(names.join(", "), max) : "no speakers listed";
}

/** Lines into sections of at most `max` characters each (a line is never split). */
export function packLines(lines: readonly string[], max = 2_900): string[] {
  const out: string[] = [];
  let current = "";
  for (const line of lines) {
    const next = current ? `${current}\n${line}` : line;
    if (next.length > max && current) {
      out.push(current);
      current = line;
    } else current = next;
  }
  if (current) out.push(current);
  return out;
}
