import type { KnownBlock, SectionBlock } from "@slack/types";
import type { PlannedDigest } from "../../digest/plan.ts";
import { type DigestView, digestView } from "../../digest/view.ts";
import { ActionId } from "../action-ids.ts";
import { escapeMrkdwn, slackDate } from "../mrkdwn.ts";
import { actions, button, headerText } from "./buttons.ts";
import { BlockBudget, fitMrkdwn, Limits, type SlackMessage } from "./limits.ts";
import { starButton } from "./star.ts";

/**
 * The up-next message for one slot of one track. Every catalog string is escaped,
 * the fallback `text` included, and the message stays within Block Kit's limits
 * however many talks the slot holds: talks that do not fit are counted at the end.
 */
export function digestMessage(
  digest: PlannedDigest,
  options: DigestMessageOptions = {},
): SlackMessage {
  return digestMessageOf(digestView(digest), options);
}

/** What a correction adds to the digest as it now is (correction-message.ts). */
export interface DigestMessageOptions {
  /** A context line right under the slot's time, already mrkdwn (escaped); never cut off. */
  note?: string;
  /** Shown instead of talks when the slot has none (mrkdwn). */
  emptyText?: string;
  /** Replaces the fallback text's "Up next in" (plain, escaped here). */
  textLead?: string;
}

function digestMessageOf(view: DigestView, options: DigestMessageOptions): SlackMessage {
  const count = view.talks.length;
  const starts = slackDate(view.slotStart, "{date_short_pretty} at {time}", view.when);
  const about = [
    `Starts ${starts}`,
    view.event ? fitMrkdwn(view.event, 150) : null,
    `${count} talk${count === 1 ? "" : "s"}`,
  ]
    .filter(Boolean)
    .join("  ·  ");

  const budget = new BlockBudget();
  budget.tryAdd([
    { type: "header", text: headerText(`Up next: ${view.track}`) },
    { type: "context", elements: [{ type: "mrkdwn", text: about }] },
  ]);
  if (options.note) {
    budget.tryAdd([{ type: "context", elements: [{ type: "mrkdwn", text: options.note }] }]);
  }
  if (count === 0 && options.emptyText) {
    budget.tryAdd([{ type: "section", text: { type: "mrkdwn", text: options.emptyText } }]);
  }
  // Room for the closing "…and N more" line, should it be needed.
  const reserve = { blocks: 1, chars: 200 };
  let shown = 0;
  for (const talk of view.talks) {
    if (!budget.tryAdd(talkSection(talk), reserve)) break;
    shown++;
  }
  if (shown < count) {
    const rest = count - shown;
    budget.tryAdd([
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: `…and ${rest} more talk${rest === 1 ? "" : "s"} in this slot. Try \`/talk track:\` to see them all.`,
          },
        ],
      },
    ]);
  }
  return { text: fallbackText(view, options.textLead), blocks: budget.blocks };
}

/** One talk of the slot and its buttons: Details, and ☆ Star (answered to the clicker alone). */
function talkSection(talk: DigestView["talks"][number]): KnownBlock[] {
  const lines = [`*${fitMrkdwn(talk.title, 250)}*`];
  if (talk.speakers.length > 0) lines.push(fitMrkdwn(talk.speakers.join("; "), 400));
  if (talk.room) lines.push(`Room: ${fitMrkdwn(talk.room, 100)}`);
  if (talk.line) lines.push(fitMrkdwn(talk.line, 400));
  // At most ~1,200 characters however long the catalog's strings are.
  const section: SectionBlock = {
    type: "section",
    text: { type: "mrkdwn", text: lines.join("\n") },
  };
  const row = actions([button("Details", ActionId.details, talk.id), starButton(talk.id)]);
  return row ? [section, row] : [section];
}

/** The notification and screen-reader text: track, time, titles. */
function fallbackText(view: DigestView, lead = "Up next in"): string {
  const head = `${lead} ${view.track}, ${view.when}: `;
  const titles = view.talks.map((t) => t.title).join("; ");
  const text = fitMrkdwn(`${head}${titles}`, Limits.fallbackText);
  return text || escapeMrkdwn(head);
}
