import type { SectionBlock } from "@slack/types";
import type { ChangeDm, PersonalChange } from "../../schedule/affected-people.ts";
import { ActionId } from "../action-ids.ts";
import { button, headerText } from "./buttons.ts";
import { placeMrkdwn, speakersMrkdwn, titleMrkdwn } from "./change-lines.ts";
import { BlockBudget, fitMrkdwn, type SlackMessage } from "./limits.ts";

/** What changed about one of their talks, one line per way. */
export function personalLines({ change: c, timeZone: zone }: PersonalChange): string[] {
  const { before, after } = c;
  const lines: string[] = [];
  for (const kind of c.kinds) {
    switch (kind) {
      case "removed":
        lines.push(`:x: Cancelled.${before ? ` It was ${placeMrkdwn(before, zone)}.` : ""}`);
        break;
      case "added":
        if (after) lines.push(`:new: Back in the schedule: ${placeMrkdwn(after, zone)}.`);
        break;
      case "moved":
        if (!after) break;
        if (c.roomRenamed && c.moved.length === 1 && before?.room && after.room) {
          lines.push(
            `:door: Room ${fitMrkdwn(before.room, 80)} is now called ${fitMrkdwn(after.room, 80)}.`,
          );
        } else {
          const ends = c.moved.includes("end") && !c.moved.includes("start");
          lines.push(
            `:arrow_right: Now ${placeMrkdwn(after, zone, ends)}${before ? ` (was ${placeMrkdwn(before, zone, ends)})` : ""}.`,
          );
        }
        break;
      case "retitled":
        lines.push(`:pencil2: Retitled; it was ${titleMrkdwn(before)}.`);
        break;
      case "speakers":
        lines.push(`:busts_in_silhouette: Speakers now: ${speakersMrkdwn(after?.speakers ?? [])}.`);
        break;
      case "retracked":
        lines.push(
          `:twisted_rightwards_arrows: Now in the ${fitMrkdwn(after?.trackName ?? after?.trackId ?? "no", 100)} track.`,
        );
        break;
    }
  }
  return lines;
}

function talkSection(p: PersonalChange): SectionBlock {
  const slot = p.change.after ?? p.change.before;
  const section: SectionBlock = {
    type: "section",
    text: {
      type: "mrkdwn",
      // Each line is bounded (titles, rooms and names are cut to fit): well under 3,000.
      text: [titleMrkdwn(slot, 250), ...personalLines(p)].join("\n"),
    },
  };
  if (p.change.after) {
    const details = button("Details", ActionId.details, p.change.talkId);
    if (details) section.accessory = details;
  }
  return section;
}

/**
 * The DM to someone who starred talks a release changed: each of their talks
 * with what changed and its new time (in their own zone), within Block Kit's
 * limits (talks that do not fit are counted), and that reminders follow.
 */
export function changeDmMessage(dm: ChangeDm): SlackMessage {
  const budget = new BlockBudget();
  const n = dm.changes.length;
  budget.tryAdd([
    {
      type: "header",
      text: headerText(n === 1 ? "A talk you starred changed" : "Talks you starred changed"),
    },
  ]);
  const footer = {
    type: "context" as const,
    elements: [
      {
        type: "mrkdwn" as const,
        text: "Your reminders follow the new times; a cancelled talk's reminder is cancelled. `/talk agenda` shows all your talks.",
      },
    ],
  };
  const reserve = { blocks: 2, chars: 600 };
  let shown = 0;
  for (const p of dm.changes) {
    if (!budget.tryAdd([talkSection(p)], reserve)) break;
    shown++;
  }
  if (shown < n) {
    const rest = n - shown;
    budget.tryAdd([
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: `…and ${rest} more of your talk${rest === 1 ? "" : "s"} changed: see \`/talk agenda\`.`,
          },
        ],
      },
    ]);
  }
  budget.tryAdd([footer]);
  const summary = dm.changes
    .map((p) => {
      const slot = p.change.after ?? p.change.before;
      const what = p.change.kinds.includes("removed")
        ? "cancelled"
        : p.change.kinds.includes("moved")
          ? "moved"
          : "changed";
      return `${slot?.title ?? "Untitled talk"} (${what})`;
    })
    .join("; ");
  return {
    text: fitMrkdwn(`Changes to talks you starred: ${summary}`, 500),
    blocks: budget.blocks,
  };
}
