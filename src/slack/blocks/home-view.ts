import type { HomeView, KnownBlock, PlainTextOption } from "@slack/types";
import { REMIND_CHOICES, reminderText } from "../../agenda/agenda.ts";
import type { AgendaView } from "../../agenda/agenda-view.ts";
import type { Talk } from "../../catalog/schema.ts";
import { type CatalogLookup, talkView } from "../../present/talk-view.ts";
import { ActionId } from "../action-ids.ts";
import { escapeMrkdwn } from "../mrkdwn.ts";
import { agendaCard } from "./agenda-message.ts";
import { actions, button, headerText } from "./buttons.ts";
import { BlockBudget, fitMrkdwn } from "./limits.ts";
import { starButton } from "./star.ts";
import { summaryText } from "./talk-card.ts";

/** App Home allows 100 blocks; its size limit (250 KB) is far above what these reach. */
const HOME_BLOCKS = 100;
const HOME_CHARS = 100_000;
/** Cards per part, so that every part of the page has room. */
const MY_NEXT = 8;
const AT_EVENT = 6;

export interface HomeInput {
  agenda: AgendaView;
  lookup: CatalogLookup;
  remindMinutes: number;
  /** The person's feed URL, or null when TALKBOT_PUBLIC_URL is not set. */
  calendarUrl: string | null;
  /** What is on at the event now, and in the next slot. */
  onNow: readonly Talk[];
  upNext: readonly Talk[];
  isStarred(talkId: string): boolean;
}

const section = (text: string): KnownBlock => ({
  type: "section",
  text: { type: "mrkdwn", text },
});
const context = (text: string): KnownBlock => ({
  type: "context",
  elements: [{ type: "mrkdwn", text }],
});

function option(minutes: number): PlainTextOption {
  return {
    text: { type: "plain_text", text: minutes > 0 ? `${minutes} min before` : "Off" },
    value: String(minutes),
  };
}

/** A talk at the event, with Details and this person's star. */
function eventCard(talk: Talk, input: HomeInput): KnownBlock[] {
  const view = talkView(talk, input.lookup);
  const blocks: KnownBlock[] = [section(summaryText(view))];
  const row = actions([
    button("Details", ActionId.details, view.id),
    starButton(view.id, input.isStarred(view.id)),
  ]);
  if (row) blocks.push(row);
  return blocks;
}

/**
 * A person's App Home: their next starred talks, what is on now and next, their
 * reminder setting, their calendar link and how to use talkbot, within 100 blocks.
 */
export function homeView(input: HomeInput): HomeView {
  const budget = new BlockBudget(HOME_BLOCKS, HOME_CHARS);
  // The fixed parts go last on the page but are reserved first, so they always fit.
  const tail = settingsBlocks(input);
  const reserve = { blocks: tail.length + 1, chars: JSON.stringify(tail).length + 200 };

  budget.tryAdd([{ type: "header", text: headerText("My next") }]);
  const upcoming = input.agenda.days.flatMap((d) => d.entries).filter((e) => e.when !== "past");
  if (upcoming.length === 0) {
    budget.tryAdd([
      section(
        input.agenda.count === 0
          ? "Nothing starred yet. Press *☆ Star* on any talk and it shows up here, with a DM before it starts."
          : "None of your starred talks is still to come.",
      ),
    ]);
  }
  for (const entry of upcoming.slice(0, MY_NEXT))
    budget.tryAdd(agendaCard(entry, input.lookup), reserve);
  if (upcoming.length > MY_NEXT) {
    budget.tryAdd([context(`…and ${upcoming.length - MY_NEXT} more: \`/talk agenda\``)], reserve);
  }

  for (const [title, talks] of [
    ["On now", input.onNow],
    ["Up next", input.upNext],
  ] as const) {
    if (talks.length === 0) continue;
    budget.tryAdd([{ type: "divider" }, { type: "header", text: headerText(title) }], reserve);
    for (const talk of talks.slice(0, AT_EVENT)) budget.tryAdd(eventCard(talk, input), reserve);
    if (talks.length > AT_EVENT) {
      budget.tryAdd(
        [
          context(
            `…and ${talks.length - AT_EVENT} more: \`/talk ${title === "On now" ? "now" : "next"}\``,
          ),
        ],
        reserve,
      );
    }
  }
  budget.tryAdd([{ type: "divider" }, ...tail]);
  return { type: "home", blocks: budget.blocks };
}

function settingsBlocks(input: HomeInput): KnownBlock[] {
  const calendar = input.calendarUrl
    ? `*Calendar:* subscribe to your starred talks in any calendar app: <${input.calendarUrl}|your personal feed> (keep it to yourself; \`/talk calendar reset\` makes a new one).`
    : "*Calendar:* not available: the organizers have not set TALKBOT_PUBLIC_URL.";
  return [
    { type: "header", text: headerText("Settings") },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `*Reminders:* ${escapeMrkdwn(reminderText(input.remindMinutes))}`,
      },
      accessory: {
        type: "static_select",
        action_id: ActionId.remind,
        options: REMIND_CHOICES.map(option),
        initial_option: option(input.remindMinutes),
      },
    },
    section(calendar),
    { type: "header", text: headerText("How to use talkbot") },
    section(
      [
        "• `/talk kafka`, `/talk track:architectures today`, `/talk next`: find talks (also `@talkbot …` in a channel, or a DM here).",
        "• *☆ Star* a talk to add it to your agenda; `/talk agenda` lists it, and a DM reminds you before it starts.",
        "• `/talk remind 15` or `/talk remind off`; `/talk calendar` for your feed.",
      ].join("\n"),
    ),
    context(
      fitMrkdwn(
        "Your stars and settings are yours: organizers see only how many people starred a talk.",
        300,
      ),
    ),
  ];
}
