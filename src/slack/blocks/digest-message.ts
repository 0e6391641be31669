import type { KnownBlock, SectionBlock } from "@slack/types";
import type { PlannedDigest } from "../../digest/plan.ts";
import { type DigestView, digestView } from "../../digest/view.ts";
import { ActionId } from "../action-ids.ts";
import { actions, button } from "./buttons.ts";
import { combinedDigestMessage } from "./combined-digest-message.ts";
import { type DigestMessageOptions, digestFallbackText, digestHead } from "./digest-head.ts";
import { fitMrkdwn, type SlackMessage } from "./limits.ts";
import { starButton } from "./star.ts";

/**
 * The up-next message for one slot of one track or one room (the combined digest
 * of every track is combined-digest-message.ts). Every catalog string is escaped,
 * the fallback `text` included, and the message stays within Block Kit's limits
 * however many talks the slot holds: talks that do not fit are counted at the end.
 */
export function digestMessage(
  digest: PlannedDigest,
  options: DigestMessageOptions = {},
): SlackMessage {
  const view = digestView(digest);
  if (view.scope === "all") return combinedDigestMessage(view, options);
  return digestMessageOf(view, options);
}

function digestMessageOf(view: DigestView, options: DigestMessageOptions): SlackMessage {
  const count = view.talks.length;
  const budget = digestHead(view, options);
  // Room for the closing "…and N more" line, should it be needed.
  const reserve = { blocks: 1, chars: 200 };
  let shown = 0;
  for (const talk of view.talks) {
    if (!budget.tryAdd(talkSection(talk, view.scope), reserve)) break;
    shown++;
  }
  if (shown < count) {
    const rest = count - shown;
    const query = view.scope === "room" ? "room" : "track";
    budget.tryAdd([
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: `…and ${rest} more talk${rest === 1 ? "" : "s"} in this slot. Try \`/talk ${query}:\` to see them all.`,
          },
        ],
      },
    ]);
  }
  return { text: digestFallbackText(view, options.textLead), blocks: budget.blocks };
}

/** One talk of the slot and its buttons: Details, and ☆ Star (answered to the clicker alone). */
function talkSection(talk: DigestView["talks"][number], scope: DigestView["scope"]): KnownBlock[] {
  const lines = [`*${fitMrkdwn(talk.title, 250)}*`];
  if (talk.speakers.length > 0) lines.push(fitMrkdwn(talk.speakers.join("; "), 400));
  // A room's digest is headed by the room: the track says more there.
  if (scope === "room" && talk.track) lines.push(`Track: ${fitMrkdwn(talk.track, 100)}`);
  else if (talk.room) lines.push(`Room: ${fitMrkdwn(talk.room, 100)}`);
  if (talk.line) lines.push(fitMrkdwn(talk.line, 400));
  // At most ~1,200 characters however long the catalog's strings are.
  const section: SectionBlock = {
    type: "section",
    text: { type: "mrkdwn", text: lines.join("\n") },
  };
  const row = actions([button("Details", ActionId.details, talk.id), starButton(talk.id)]);
  return row ? [section, row] : [section];
}
