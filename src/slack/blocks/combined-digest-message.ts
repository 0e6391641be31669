import type { KnownBlock } from "@slack/types";
import type { DigestView } from "../../digest/view.ts";
import { type DigestMessageOptions, digestFallbackText, digestHead } from "./digest-head.ts";
import { fitMrkdwn, Limits, type SlackMessage } from "./limits.ts";

type TalkLine = DigestView["talks"][number];

/** Room kept for the closing "…and N more talks" line. */
const RESERVE = { blocks: 1, chars: 300 };

/**
 * The combined digest: one message for a shared channel listing every track's
 * talks of one slot, one section per track ("*Rust*" then a line per talk:
 * title, speakers, room). It has no buttons (two per talk would spend the 50
 * blocks on a dozen talks); `/talk` finds each talk. What does not fit in
 * Block Kit's limits is counted in a closing line. Every catalog string is escaped.
 */
export function combinedDigestMessage(
  view: DigestView,
  options: DigestMessageOptions = {},
): SlackMessage {
  const groups = byTrack(view.talks);
  const tracks = groups.length;
  const extra = tracks > 1 ? ` in ${tracks} tracks` : "";
  const budget = digestHead(view, options, extra);
  let shown = 0;
  fill: for (const group of groups) {
    for (const section of sectionsOf(group)) {
      if (!budget.tryAdd([section.block], RESERVE)) break fill;
      shown += section.talks;
    }
  }
  const rest = view.talks.length - shown;
  if (rest > 0) {
    budget.tryAdd([
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: `… and ${rest} more talk${rest === 1 ? "" : "s"}: \`/talk next\` lists what is next in every track.`,
          },
        ],
      },
    ]);
  }
  return { text: digestFallbackText(view, options.textLead), blocks: budget.blocks };
}

/** The talks in runs of one track, in the order the planner gave them. */
function byTrack(talks: readonly TalkLine[]): { track: string; talks: TalkLine[] }[] {
  const out: { track: string; talks: TalkLine[] }[] = [];
  for (const talk of talks) {
    const track = talk.track ?? "No track";
    const last = out.at(-1);
    if (last?.track === track) last.talks.push(talk);
    else out.push({ track, talks: [talk] });
  }
  return out;
}

/** "• *Title*  ·  Ada; Bob  ·  H.1302": at most ~400 characters. */
function talkLine(talk: TalkLine): string {
  const parts = [`• *${fitMrkdwn(talk.title, 200)}*`];
  if (talk.speakers.length > 0) parts.push(fitMrkdwn(talk.speakers.join("; "), 120));
  if (talk.room) parts.push(fitMrkdwn(talk.room, 60));
  return parts.join("  ·  ");
}

/**
 * One track's talks as sections within the section text limit: a track with
 * more talks in the slot than one section holds continues in the next.
 */
function sectionsOf(group: { track: string; talks: TalkLine[] }): {
  block: KnownBlock;
  talks: number;
}[] {
  const heading = `*${fitMrkdwn(group.track, 150)}*`;
  const out: { block: KnownBlock; talks: number }[] = [];
  let lines = [heading];
  let size = heading.length;
  const flush = () => {
    if (lines.length === 1) return;
    out.push({
      block: { type: "section", text: { type: "mrkdwn", text: lines.join("\n") } },
      talks: lines.length - 1,
    });
    lines = [heading];
    size = heading.length;
  };
  for (const talk of group.talks) {
    const line = talkLine(talk);
    if (size + 1 + line.length > Limits.sectionText) flush();
    lines.push(line);
    size += 1 + line.length;
  }
  flush();
  return out;
}
