import type { KnownBlock } from "@slack/types";
import { reminderText } from "../../agenda/agenda.ts";
import type { AgendaEntry, AgendaView } from "../../agenda/agenda-view.ts";
import type { Talk } from "../../catalog/schema.ts";
import { type CatalogLookup, talkView } from "../../present/talk-view.ts";
import { dayText } from "../../time/format.ts";
import { ActionId } from "../action-ids.ts";
import { actions, button, headerText } from "./buttons.ts";
import { BlockBudget, fitMrkdwn, type SlackMessage } from "./limits.ts";
import { starButton } from "./star.ts";
import { summaryText } from "./talk-card.ts";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

const context = (text: string): KnownBlock => ({
  type: "context",
  elements: [{ type: "mrkdwn", text }],
});

const whenLabel: Record<AgendaEntry["when"], string | null> = {
  past: null,
  now: "*On now*",
  next: "*Next*",
  later: null,
};

/** One starred talk: its card, what it clashes with, and Details and ★ Starred. */
export function agendaCard(entry: AgendaEntry, lookup: CatalogLookup): KnownBlock[] {
  const view = talkView(entry.talk, lookup);
  const lines = [summaryText(view)];
  const label = whenLabel[entry.when];
  if (label) lines.unshift(label);
  if (entry.overlaps.length > 0) {
    const names = entry.overlaps.map((t) => talkView(t, lookup).title).join("; ");
    lines.push(`:warning: overlaps with ${fitMrkdwn(names, 400)}`);
  }
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: lines.join("\n") } },
  ];
  const row = actions([button("Details", ActionId.details, view.id), starButton(view.id, true)]);
  if (row) blocks.push(row);
  return blocks;
}

export interface AgendaOptions {
  remindMinutes: number;
}

/**
 * `/talk agenda`: a person's starred talks still to come, by day, with clashes
 * marked, within one message's limits; what ended or did not fit is counted.
 */
export function agendaMessage(
  view: AgendaView,
  lookup: CatalogLookup,
  options: AgendaOptions,
): SlackMessage {
  if (view.count === 0) {
    const text =
      "You have not starred any talks yet. Press *☆ Star* under a talk in any answer, digest or Details, and it shows up here; talkbot then DMs you before it starts.";
    const blocks: KnownBlock[] = [{ type: "section", text: { type: "mrkdwn", text } }];
    if (view.gone > 0) blocks.push(context(goneText(view.gone)));
    return { text: "Your agenda is empty", blocks };
  }
  const budget = new BlockBudget();
  budget.tryAdd([
    { type: "header", text: headerText("Your agenda") },
    context(
      `${plural(view.count, "starred talk")}  ·  ${reminderText(options.remindMinutes)} (\`/talk remind 5|10|15|30|off\`)  ·  \`/talk calendar\` to subscribe`,
    ),
  ]);
  const reserve = { blocks: 2, chars: 800 };
  let ended = 0;
  let hidden = 0;
  for (const day of view.days) {
    const upcoming = day.entries.filter((e) => e.when !== "past");
    ended += day.entries.length - upcoming.length;
    if (upcoming.length === 0) continue;
    let head: KnownBlock[] = [
      { type: "section", text: { type: "mrkdwn", text: `*${fitMrkdwn(dayText(day.day), 80)}*` } },
    ];
    for (const entry of upcoming) {
      if (budget.tryAdd([...head, ...agendaCard(entry, lookup)], reserve)) head = [];
      else hidden++;
    }
  }
  const notes: string[] = [];
  if (ended > 0) notes.push(`${plural(ended, "starred talk")} already ended.`);
  if (hidden > 0) notes.push(`${hidden} more not shown here: see App Home or your calendar feed.`);
  if (view.untimed.length > 0) {
    notes.push(`Not scheduled yet: ${fitMrkdwn(titles(view.untimed, lookup), 600)}.`);
  }
  if (view.gone > 0) notes.push(goneText(view.gone));
  if (notes.length > 0) budget.tryAdd([context(notes.join(" "))]);
  const next = view.days
    .flatMap((d) => d.entries)
    .find((e) => e.when === "next" || e.when === "now");
  const headline = next ? `, next: ${talkView(next.talk, lookup).title}` : "";
  return {
    text: fitMrkdwn(`Your agenda: ${plural(view.count, "starred talk")}${headline}`, 500),
    blocks: budget.blocks,
  };
}

function titles(talks: readonly Talk[], lookup: CatalogLookup): string {
  return talks.map((t) => talkView(t, lookup).title).join("; ");
}

function goneText(n: number): string {
  return `${plural(n, "starred talk")} ${n === 1 ? "is" : "are"} no longer in the schedule.`;
}
