import type { KnownBlock } from "@slack/types";
import { partialText } from "../../present/partial-text.ts";
import { laterSlots, slotHeads } from "../../present/slots.ts";
import { type CatalogLookup, scheduleText } from "../../present/talk-view.ts";
import { trackViews } from "../../present/track-view.ts";
import type { SearchResult } from "../../search/types.ts";
import { ActionId, encodeMore } from "../action-ids.ts";
import { escapeMrkdwn } from "../mrkdwn.ts";
import { actions, button, headerText } from "./buttons.ts";
import { CardCache } from "./card-cache.ts";
import { helpBlocks } from "./help.ts";
import { BlockBudget, fitMrkdwn, groupSize, Limits, type SlackMessage } from "./limits.ts";
import { listMessage, tracksMessage } from "./tracks-message.ts";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The answer to a search, as one message within Block Kit limits: as many of
 * the page's talks as fit, and "More results" continuing after the last one shown.
 * `cards` (built from the same lookup) keeps the talks' cards for the next message.
 */
export function resultsMessage(
  result: SearchResult,
  lookup: CatalogLookup,
  cards: CardCache = new CardCache(lookup),
): SlackMessage {
  if (result.help) return helpMessage(result, cards);
  if (result.list) return listMessage(result, lookup);
  if (result.total === 0 && result.tracks?.length) return tracksMessage(result, lookup);
  if (result.total === 0) return notFoundMessage(result, lookup);
  const query = result.query.trim();
  if (result.hits.length === 0) {
    const text = `No more talks for “${fitMrkdwn(query, 200)}”: that was all ${plural(result.total, "match")}.`;
    return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
  }

  const budget = new BlockBudget();
  budget.tryAdd([
    { type: "header", text: headerText(`${plural(result.total, "talk")} for “${query}”`) },
  ]);
  const note = (text: string): KnownBlock => ({
    type: "context",
    elements: [{ type: "mrkdwn", text: fitMrkdwn(text, 500) }],
  });
  const hosted = trackViews(result.tracks ?? [], lookup).map(
    (t) => `Track${t.host ? ` hosted by ${t.host}` : ""}: ${t.name} (${t.when})`,
  );
  for (const line of [partialText(result), result.notice, ...hosted]) {
    if (line) budget.tryAdd([note(line)]);
  }
  // A long answer to a time question is grouped by start, and ends with the slots to come.
  const heads = slotHeads(result);
  const later = laterSlots(result);
  // Keep room for the closing context(s) and "More results" row.
  const reserve = { blocks: later ? 3 : 2, chars: 2_600 };
  const shown: string[] = [];
  const shownEscaped: string[] = [];
  for (const [i, hit] of result.hits.entries()) {
    const card = cards.card(hit.talk, hit.matched);
    const head = heads.get(i);
    const lead: KnownBlock[] = shown.length > 0 ? [{ type: "divider" }] : [];
    if (head)
      lead.push({ type: "section", text: { type: "mrkdwn", text: `*${fitMrkdwn(head, 200)}*` } });
    const leadSize = groupSize(lead);
    const fits =
      lead.length > 0
        ? budget.tryAddMeasured([...lead, ...card.blocks], leadSize + card.size, reserve)
        : budget.tryAddMeasured(card.blocks, card.size, reserve);
    if (!fits) break;
    shown.push(card.view.title);
    shownEscaped.push(card.escapedTitle);
  }
  const first = result.offset + 1;
  const last = result.offset + shown.length;
  const filters =
    result.filters.length > 0 ? `  ·  ${fitMrkdwn(result.filters.join(", "), 300)}` : "";
  if (later) budget.tryAdd([note(later)]);
  budget.tryAdd([
    {
      type: "context",
      elements: [{ type: "mrkdwn", text: `Showing ${first}–${last} of ${result.total}${filters}` }],
    },
  ]);
  if (last < result.total) {
    const more = actions([
      button("More results", ActionId.more, encodeMore({ q: query, o: last }), "primary"),
    ]);
    if (more) budget.tryAdd([more]);
  }
  return {
    text: fallbackText(`${plural(result.total, "talk")} for “${query}”: `, shown, shownEscaped),
    blocks: budget.blocks,
  };
}

/**
 * `fitMrkdwn(head + titles.join("; "), Limits.fallbackText)`, from the titles
 * the cache has already escaped when that fits: escaping goes character by
 * character, so the escaped pieces joined are the whole escaped.
 */
function fallbackText(head: string, titles: string[], escapedTitles: string[]): string {
  const quick = `${escapeMrkdwn(head)}${escapedTitles.join("; ")}`;
  if (quick.length <= Limits.fallbackText) return quick;
  return fitMrkdwn(`${head}${titles.join("; ")}`, Limits.fallbackText);
}

function notFoundMessage(result: SearchResult, lookup: CatalogLookup): SlackMessage {
  const query = result.query.trim();
  const suggestions = result.suggestions.slice(0, 5);
  const lines = [`I found no talks for “${fitMrkdwn(query, 300)}”.`];
  let fallback = `I found no talks for “${query}”.`;
  const schedule = result.timed ? scheduleText(lookup) : null;
  if (schedule) {
    lines.push(fitMrkdwn(schedule, 1_500));
    fallback += ` ${schedule}`;
  }
  if (suggestions.length > 0) {
    lines.push(`Did you mean ${suggestions.map((s) => `*${fitMrkdwn(s, 100)}*`).join(", ")}?`);
    fallback += ` Did you mean ${suggestions.join(", ")}?`;
  }
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: lines.join("\n") } },
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: "Try a speaker, a company or a topic, or `track &lt;name&gt;`, `today`, `next`. `/talk help` shows everything.",
        },
      ],
    },
  ];
  return { text: fitMrkdwn(fallback, Limits.fallbackText), blocks };
}

function helpMessage(result: SearchResult, cards: CardCache): SlackMessage {
  const budget = new BlockBudget();
  budget.tryAdd(helpBlocks());
  const upNext: string[] = [];
  if (result.hits.length > 0) {
    budget.tryAdd([{ type: "section", text: { type: "mrkdwn", text: "*Up next*" } }]);
    for (const hit of result.hits) {
      const card = cards.card(hit.talk);
      if (!budget.tryAddMeasured(card.blocks, card.size)) break;
      upNext.push(card.view.title);
    }
  }
  const next = upNext.length > 0 ? ` Up next: ${upNext.join("; ")}` : "";
  const text = fitMrkdwn(
    `Find talks with /talk: a topic, a speaker, a company, track <name>, now, next, today.${next}`,
    Limits.fallbackText,
  );
  return { text, blocks: budget.blocks };
}
