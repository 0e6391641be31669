import type { TalkView } from "../../present/talk-view.ts";
import { BlockBudget, fitMrkdwn, Limits, type SlackMessage } from "./limits.ts";
import { talkCard } from "./talk-card.ts";

/** Slack user ids only: anything else is never turned into a mention. */
const userId = /^[UW][A-Z0-9]{2,}$/;

/** A talk's card as posted to a channel by "Share in channel", saying who shared it. */
export function sharedTalkMessage(view: TalkView, sharedBy: string): SlackMessage {
  const who = userId.test(sharedBy) ? `<@${sharedBy}>` : "Someone";
  const budget = new BlockBudget();
  budget.tryAdd([
    { type: "context", elements: [{ type: "mrkdwn", text: `${who} shared a talk` }] },
  ]);
  budget.tryAdd(talkCard(view, { share: false }));
  return {
    text: `${who} shared a talk: ${fitMrkdwn(view.title, Limits.fallbackText - 40)}`,
    blocks: budget.blocks,
  };
}
