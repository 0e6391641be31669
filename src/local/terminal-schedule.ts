import type { Deliverable, DeliveryPort } from "../delivery/engine.ts";
import { digestText } from "../digest/text.ts";
import { changeItemLine } from "../present/change-text.ts";
import type { ChangeDm } from "../schedule/affected-people.ts";
import type { Correction } from "../schedule/corrections.ts";
import type { AnnouncePorts } from "../schedule/follow.ts";
import type { ChangeNotice } from "../schedule/notices.ts";

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
        for (const item of t.items) lines.push(`    ${changeItemLine(item)}`);
      }
      for (const r of notice.roomRenames) lines.push(`  Room renamed: ${r.from} → ${r.to}`);
      return lines.join("\n");
    }),
    dms: printed<ChangeDm>((dm) =>
      [
        "[to you] Your starred talks changed:",
        // A talk that changed several ways gets a line for each.
        ...dm.changes.flatMap(({ change }) =>
          change.kinds.map(
            (kind) => `  ${changeItemLine({ kind: kind === "retracked" ? "left" : kind, change })}`,
          ),
        ),
      ].join("\n"),
    ),
  };
}
