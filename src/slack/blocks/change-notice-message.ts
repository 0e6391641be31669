import type { KnownBlock } from "@slack/types";
import type { TrackChangeItem } from "../../schedule/changes-by-track.ts";
import type { ChangeNotice } from "../../schedule/notices.ts";
import { headerText } from "./buttons.ts";
import { packLines, placeMrkdwn, speakersMrkdwn, titleMrkdwn } from "./change-lines.ts";
import { BlockBudget, fitMrkdwn, Limits, type SlackMessage } from "./limits.ts";

/** One change in one line: what happened, to which talk, old → new where it moved. */
export function noticeLine({ kind, change: c }: TrackChangeItem, zone: string): string {
  const before = c.before;
  const after = c.after;
  switch (kind) {
    case "added":
      return `:new: New: ${titleMrkdwn(after)} · ${after ? placeMrkdwn(after, zone) : ""}`;
    case "removed":
      return `:x: Cancelled: ${titleMrkdwn(before)}${before ? ` (was ${placeMrkdwn(before, zone)})` : ""}`;
    case "moved": {
      const ends = c.moved.includes("end") && !c.moved.includes("start");
      return `:arrow_right: Moved: ${titleMrkdwn(after)} · ${before ? placeMrkdwn(before, zone, ends) : "?"} → ${after ? placeMrkdwn(after, zone, ends) : "?"}`;
    }
    case "retitled":
      return `:pencil2: Retitled: ${titleMrkdwn(before)} is now ${titleMrkdwn(after)}`;
    case "speakers":
      return `:busts_in_silhouette: Speakers: ${titleMrkdwn(after)}: now ${speakersMrkdwn(after?.speakers ?? [])}`;
    case "left":
      return `:arrow_right: ${titleMrkdwn(before)} moved to another track: ${fitMrkdwn(after?.trackName ?? after?.trackId ?? "none", 100)}`;
    case "joined":
      return `:arrow_left: ${titleMrkdwn(after)} joins from ${fitMrkdwn(before?.trackName ?? before?.trackId ?? "no track", 100)} · ${after ? placeMrkdwn(after, zone) : ""}`;
  }
}

/**
 * The one message a digest channel gets about a release: a section per track
 * listing its changes (times in each reader's zone), rooms renamed once at the
 * top, and within Block Kit's limits however many changes there are: what does
 * not fit is counted in a closing line.
 */
export function changeNoticeMessage(notice: ChangeNotice): SlackMessage {
  const budget = new BlockBudget();
  budget.tryAdd([
    { type: "header", text: headerText("Schedule changes") },
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: "Changes to talks still to come, times in your own zone. `/talk` answers with the schedule as it is now.",
        },
      ],
    },
  ]);
  const reserve = { blocks: 1, chars: 300 };
  let left = 0;
  if (notice.roomRenames.length > 0) {
    const lines = notice.roomRenames.map(
      (r) => `:door: Room *${fitMrkdwn(r.from, 80)}* is now called *${fitMrkdwn(r.to, 80)}*`,
    );
    for (const text of packLines(lines)) {
      if (!budget.tryAdd([{ type: "section", text: { type: "mrkdwn", text } }], reserve)) {
        left += text.split("\n").length;
      }
    }
  }
  for (const track of notice.tracks) {
    const lines = [
      `*${fitMrkdwn(track.trackName, 150)}*`,
      ...track.items.map((i) => noticeLine(i, track.timeZone)),
    ];
    for (const text of packLines(lines)) {
      const added =
        left === 0 && budget.tryAdd([{ type: "section", text: { type: "mrkdwn", text } }], reserve);
      if (!added) left += text.split("\n").filter((l) => !l.startsWith("*")).length;
    }
  }
  if (left > 0) {
    budget.tryAdd([
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: `…and ${left} more change${left === 1 ? "" : "s"}. \`/talk track:\` and a track's name shows it as it is now.`,
          },
        ],
      },
    ]);
  }
  const counts = notice.tracks
    .map((t) => `${t.items.length} in ${t.trackName}`)
    .concat(notice.roomRenames.map((r) => `room ${r.from} now ${r.to}`))
    .join(", ");
  return {
    text: fitMrkdwn(`Schedule changes: ${counts}`, Limits.fallbackText),
    blocks: budget.blocks as KnownBlock[],
  };
}
