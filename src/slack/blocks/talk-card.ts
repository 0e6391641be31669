import type { ActionsBlock, KnownBlock } from "@slack/types";
import type { TalkView } from "../../present/talk-view.ts";
import type { MatchField } from "../../search/types.ts";
import { ActionId } from "../action-ids.ts";
import { slackDate } from "../mrkdwn.ts";
import { actions, button } from "./buttons.ts";
import { fitMrkdwn } from "./limits.ts";
import { starButton } from "./star.ts";

const matchLabel: Record<MatchField, string> = {
  title: "title",
  speaker: "speaker",
  company: "company",
  role: "role",
  track: "track",
  tag: "topic",
  room: "room",
  abstract: "abstract",
  host: "track host",
  bio: "speaker bio",
  time: "time",
};

/** "Tue, Mar 3 at 10:35 AM" in each reader's zone, the event-zone text as fallback. */
export function timeMrkdwn(view: TalkView): string | undefined {
  if (view.start) {
    const fallback = view.when ?? view.start.toISOString();
    const minutes = view.end ? Math.round((view.end.getTime() - view.start.getTime()) / 60_000) : 0;
    const at = slackDate(view.start, "{date_short_pretty} {time}", fallback.slice(0, 120));
    return minutes > 0 ? `${at} (${minutes} min)` : at;
  }
  return view.when ? fitMrkdwn(view.when, 60) : undefined;
}

/** "Track: … · Room: … · <time>", every catalog string escaped. */
export function talkMeta(view: TalkView): string {
  return [
    view.track && `Track: ${fitMrkdwn(view.track, 120)}`,
    view.room && `Room: ${fitMrkdwn(view.room, 80)}`,
    timeMrkdwn(view),
  ]
    .filter(Boolean)
    .join("  ·  ");
}

/** The mrkdwn of one talk: bold title, speakers with company, where and when, excerpt. */
function talkSummary(view: TalkView, matched: readonly MatchField[] = []): string {
  const summary = summaryText(view);
  return matched.length > 0 ? `${summary}\n${matchLine(matched)}` : summary;
}

/** A talk's summary without the match line: the same for every search that shows it. */
export function summaryText(view: TalkView): string {
  const lines = [`*${fitMrkdwn(view.title, 250)}*`];
  if (view.speakers.length > 0) lines.push(fitMrkdwn(view.speakers.join("; "), 400));
  const meta = talkMeta(view);
  if (meta) lines.push(meta);
  if (view.excerpt && !view.untitled) lines.push(`>${fitMrkdwn(view.excerpt, 320)}`);
  return lines.join("\n");
}

/** "_title, speaker match_": fixed labels, nothing to escape. */
export function matchLine(matched: readonly MatchField[]): string {
  return `_${[...new Set(matched.map((m) => matchLabel[m]))].join(", ")} match_`;
}

/**
 * The buttons under a card: "Details", "☆ Star" (the same for every reader here;
 * markStars shows one reader's state), and "Share in channel" in search results.
 */
export function cardButtons(id: string, share: boolean): ActionsBlock | null {
  return actions([
    button("Details", ActionId.details, id),
    starButton(id),
    share ? button("Share in channel", ActionId.share, id) : null,
  ]);
}

export interface CardOptions {
  matched?: readonly MatchField[];
  /** Offer "Share in channel" (search results), or only "Details" (a shared card). */
  share: boolean;
}

/** One talk as a section and its buttons; at most ~1,500 characters whatever the catalog holds. */
export function talkCard(view: TalkView, options: CardOptions): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: talkSummary(view, options.matched) } },
  ];
  const buttons = cardButtons(view.id, options.share);
  if (buttons) blocks.push(buttons);
  return blocks;
}
