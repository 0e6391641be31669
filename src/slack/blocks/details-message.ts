import type { Button, KnownBlock } from "@slack/types";
import type { TalkView } from "../../present/talk-view.ts";
import { ActionId } from "../action-ids.ts";
import { actions, headerText } from "./buttons.ts";
import { BlockBudget, fitMrkdwn, Limits, type SlackMessage } from "./limits.ts";
import { starButton } from "./star.ts";
import { talkMeta } from "./talk-card.ts";

/** Paragraph-friendly pieces of at most `size` raw characters, split at spaces. */
function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest.length > size) {
    const cut = rest.lastIndexOf(" ", size);
    const at = cut > size * 0.6 ? cut : size;
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

export interface DetailsOptions {
  /** The talk's own .ics ("Add to calendar"), when TALKBOT_PUBLIC_URL is set. */
  calendarUrl?: string;
  /** Whether the one reader of this (ephemeral) message starred the talk. */
  starred?: boolean;
}

/** The full abstract and who the speakers are, as far as Block Kit limits allow. */
export function detailsMessage(view: TalkView, options: DetailsOptions = {}): SlackMessage {
  const budget = new BlockBudget();
  const row = detailsButtons(view, options);
  budget.tryAdd([{ type: "header", text: headerText(view.title) }]);
  const about: string[] = [];
  if (view.speakers.length > 0) about.push(fitMrkdwn(view.speakers.join("; "), 600));
  const meta = talkMeta(view);
  if (meta) about.push(meta);
  if (about.length > 0) {
    budget.tryAdd([{ type: "section", text: { type: "mrkdwn", text: about.join("\n") } }]);
  }

  // Speaker bios matter as much as the end of a very long abstract: keep room for them.
  const bioBlocks: KnownBlock[] = view.speakerDetails.map((s) => {
    const role = [s.role, s.company].filter(Boolean).join(", ");
    const head = `*${fitMrkdwn(s.name, 150)}*${role ? ` — ${fitMrkdwn(role, 200)}` : ""}`;
    const bio = s.bio ? `\n${fitMrkdwn(s.bio, 1200)}` : "";
    return { type: "section", text: { type: "mrkdwn", text: `${head}${bio}` } };
  });
  const bioChars =
    Math.min(
      4_000,
      bioBlocks.reduce((n, b) => n + JSON.stringify(b).length + 1, 0),
    ) + (row ? JSON.stringify(row).length + 1 : 0);

  let cut = false;
  const paragraphs = view.abstract.trim() ? chunks(view.abstract, 2_400) : [];
  for (const piece of paragraphs) {
    const block: KnownBlock = {
      type: "section",
      text: { type: "mrkdwn", text: fitMrkdwn(piece, Limits.sectionText) },
    };
    if (!budget.tryAdd([block], { blocks: bioBlocks.length + 3, chars: bioChars + 300 })) {
      // Too long for one message: end with as much as fits, marked as cut.
      const room = budget.remainingChars - bioChars - 400;
      if (room > 200) {
        const short = fitMrkdwn(`${piece.slice(0, room)}…`, Math.min(room, Limits.sectionText));
        budget.tryAdd([{ type: "section", text: { type: "mrkdwn", text: short } }]);
      }
      cut = true;
      break;
    }
  }
  if (paragraphs.length === 0) {
    budget.tryAdd([{ type: "section", text: { type: "mrkdwn", text: "_No abstract yet._" } }]);
  }
  let biosShown = 0;
  if (bioBlocks.length > 0) {
    budget.tryAdd([{ type: "divider" }]);
    for (const block of bioBlocks) {
      if (!budget.tryAdd([block], { blocks: 1, chars: 300 })) break;
      biosShown++;
    }
  }
  const notes: string[] = [];
  if (cut) notes.push("The abstract is longer than one Slack message.");
  const hidden = bioBlocks.length - biosShown;
  if (hidden > 0)
    notes.push(`${hidden} more speaker${hidden === 1 ? "" : "s"} without room for a bio here.`);
  if (notes.length > 0) {
    budget.tryAdd([{ type: "context", elements: [{ type: "mrkdwn", text: notes.join(" ") }] }]);
  }
  if (row) budget.tryAdd([row]);
  const speakers = view.speakers.length > 0 ? ` by ${view.speakers.join("; ")}` : "";
  return {
    text: fitMrkdwn(`${view.title}${speakers}`, Limits.fallbackText),
    blocks: budget.blocks,
  };
}

/** ☆ Star (this reader's state), and "Add to calendar" when there is a public URL. */
function detailsButtons(view: TalkView, options: DetailsOptions): KnownBlock | null {
  const calendar: Button | null =
    options.calendarUrl && view.start
      ? {
          type: "button",
          text: { type: "plain_text", text: "Add to calendar", emoji: true },
          action_id: ActionId.calendar,
          url: options.calendarUrl,
        }
      : null;
  return actions([starButton(view.id, options.starred ?? false), calendar]);
}
