import type { KnownBlock } from "@slack/types";
import type { PlannedReminder } from "../../agenda/reminders.ts";
import { type CatalogLookup, talkView } from "../../present/talk-view.ts";
import { ActionId } from "../action-ids.ts";
import { slackDate } from "../mrkdwn.ts";
import { actions, button } from "./buttons.ts";
import { fitMrkdwn, type SlackMessage } from "./limits.ts";
import { starButton } from "./star.ts";
import { summaryText } from "./talk-card.ts";

/**
 * The DM before a starred talk: when (in the reader's own zone), where, who, with
 * Details and the star (to unstar). The top line is what the notification shows.
 */
export function reminderMessage(
  r: PlannedReminder,
  lookup: CatalogLookup,
  now: Date,
): SlackMessage {
  const view = talkView(r.talk, lookup);
  const starts = slackDate(r.deadline, "{time}", view.when ?? r.deadline.toISOString());
  const where = view.room ? ` in ${fitMrkdwn(view.room, 100)}` : "";
  const head = `:alarm_clock: Starting at ${starts}${where}: *${fitMrkdwn(view.title, 250)}*`;
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: head } },
    { type: "section", text: { type: "mrkdwn", text: summaryText(view) } },
  ];
  const row = actions([button("Details", ActionId.details, view.id), starButton(view.id, true)]);
  if (row) blocks.push(row);
  blocks.push({
    type: "context",
    elements: [
      {
        type: "mrkdwn",
        text: `You starred this talk; reminders come ${r.leadMinutes} min before. \`/talk remind 5|10|15|30|off\` changes that, \`/talk agenda\` shows the rest.`,
      },
    ],
  });
  const room = view.room ? ` in ${view.room}` : "";
  // Starred inside the window, it goes out late: say how long is really left.
  const minutes = Math.max(1, Math.ceil((r.deadline.getTime() - now.getTime()) / 60_000));
  return {
    text: fitMrkdwn(`In ${minutes} min${room}: ${view.title}`, 500),
    blocks,
  };
}
