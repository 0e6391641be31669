import type { TalkChange } from "../catalog/diff.ts";
import type { Deliverable, DeliveryPort } from "../delivery/engine.ts";
import { digestText } from "../digest/text.ts";
import type { ChangeDm } from "../schedule/affected-people.ts";
import { clockText, placeText } from "../schedule/change-time.ts";
import type { TrackChangeItem } from "../schedule/changes-by-track.ts";
import type { Correction } from "../schedule/corrections.ts";
import type { AnnouncePorts } from "../schedule/follow.ts";
import type { ChangeNotice } from "../schedule/notices.ts";

/** One line per change, in the event's zone: what a terminal rehearsal shows. */
export function changeLine(kind: TrackChangeItem["kind"], c: TalkChange, zone: string): string {
  const was = c.before;
  const now = c.after;
  const title = now?.title ?? was?.title ?? c.talkId;
  // Never "the same day": every time is shown with its day (a change may be days ahead).
  const ref = new Date(0);
  switch (kind) {
    case "added":
    case "joined":
      return `new: ${title} (${placeText(now ?? {}, zone, ref)})`;
    case "removed":
      return `cancelled: ${title} (was ${placeText(was ?? {}, zone, ref)})`;
    case "left":
      return `moved to ${now?.trackName ?? "another track"}: ${title}`;
    case "moved": {
      // An end that moved alone would read "11:30 → 11:30" without the end times.
      const span = (slot: TalkChange["before"]) =>
        `${placeText(slot ?? {}, zone, ref)}${c.moved.includes("end") && !c.moved.includes("start") && slot?.end ? ` (until ${clockText(new Date(slot.end), zone)})` : ""}`;
      return `moved: ${title}: ${span(was)} → ${span(now)}`;
    }
    case "retitled":
      return `retitled: ${was?.title ?? c.talkId} → ${now?.title ?? c.talkId}`;
    case "speakers":
      return `speakers changed: ${title}: ${(now?.speakers ?? []).join(", ") || "none listed"}`;
  }
}

/**
 * The live schedule's announcements in the terminal: the same engine and plans as
 * in Slack, printed. A correction prints the digest as it now is under the
 * "Updated" line; nothing printed can be lost, so there is no history to search.
 */
export function terminalSchedulePorts(write: (text: string) => void): AnnouncePorts {
  let n = 0;
  const printed = <T extends Deliverable>(render: (item: T) => string): DeliveryPort<T> => ({
    async post(item) {
      write(`${render(item)}\n`);
      n++;
      return { channel: item.channel, ts: `local.${n}` };
    },
    async find() {
      return null;
    },
  });
  return {
    corrections: printed<Correction>(
      (c) => `[${c.channel}] (edited) ${c.context}\n${digestText(c.digest)}`,
    ),
    notices: printed<ChangeNotice>((notice) => {
      const lines = [`[${notice.channel}] Schedule changes:`];
      for (const t of notice.tracks) {
        lines.push(`  ${t.trackName}`);
        for (const item of t.items)
          lines.push(`    • ${changeLine(item.kind, item.change, t.timeZone)}`);
      }
      for (const r of notice.roomRenames) lines.push(`  Room renamed: ${r.from} → ${r.to}`);
      return lines.join("\n");
    }),
    dms: printed<ChangeDm>((dm) =>
      [
        "[to you] Your starred talks changed:",
        // A talk that changed several ways gets a line for each.
        ...dm.changes.flatMap((p) =>
          p.change.kinds.map(
            (kind) =>
              `  • ${changeLine(kind === "retracked" ? "left" : kind, p.change, p.timeZone)}`,
          ),
        ),
      ].join("\n"),
    ),
  };
}
