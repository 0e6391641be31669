import type { KnownBlock } from "@slack/types";
import { type CatalogLookup, talkView } from "../../present/talk-view.ts";
import type { SearchResult } from "../../search/types.ts";
import { ActionId } from "../action-ids.ts";
import { actions, button, headerText } from "./buttons.ts";
import { helpBlocks } from "./help.ts";
import { BlockBudget, fitMrkdwn, Limits, type SlackMessage } from "./limits.ts";
import { talkCard } from "./talk-card.ts";

/** What a "More results" button carries: the same query, from the next offset. */
export interface MorePage {
  q: string;
  o: number;
}

export function encodeMore(page: MorePage): string {
  return JSON.stringify(page);
}

export function decodeMore(value: string): MorePage | null {
  try {
    const data: unknown = JSON.parse(value);
    if (typeof data !== "object" || data === null) return null;
    const { q, o } = data as Record<string, unknown>;
    if (typeof q !== "string" || typeof o !== "number" || !Number.isInteger(o) || o < 0) {
      return null;
    }
    return { q, o };
  } catch {
    return null;
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The answer to a search, as one message within Block Kit limits: as many of
 * the page's talks as fit, and "More results" continuing after the last one shown.
 */
export function resultsMessage(result: SearchResult, lookup: CatalogLookup): SlackMessage {
  if (result.help) return helpMessage(result, lookup);
  if (result.total === 0) return notFoundMessage(result);
  const query = result.query.trim();
  if (result.hits.length === 0) {
    const text = `No more talks for “${fitMrkdwn(query, 200)}”: that was all ${plural(result.total, "match")}.`;
    return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
  }

  const budget = new BlockBudget();
  budget.tryAdd([
    { type: "header", text: headerText(`${plural(result.total, "talk")} for “${query}”`) },
  ]);
  // Keep room for the closing context and "More results" row.
  const reserve = { blocks: 2, chars: 2_600 };
  const shown: string[] = [];
  for (const hit of result.hits) {
    const view = talkView(hit.talk, lookup);
    const card = talkCard(view, { share: true, matched: hit.matched });
    if (!budget.tryAdd(shown.length > 0 ? [{ type: "divider" }, ...card] : card, reserve)) break;
    shown.push(view.title);
  }
  const first = result.offset + 1;
  const last = result.offset + shown.length;
  const filters =
    result.filters.length > 0 ? `  ·  ${fitMrkdwn(result.filters.join(", "), 300)}` : "";
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
  const text = fitMrkdwn(
    `${plural(result.total, "talk")} for “${query}”: ${shown.join("; ")}`,
    Limits.fallbackText,
  );
  return { text, blocks: budget.blocks };
}

function notFoundMessage(result: SearchResult): SlackMessage {
  const query = result.query.trim();
  const suggestions = result.suggestions.slice(0, 5);
  const lines = [`I found no talks for “${fitMrkdwn(query, 300)}”.`];
  let fallback = `I found no talks for “${query}”.`;
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

function helpMessage(result: SearchResult, lookup: CatalogLookup): SlackMessage {
  const budget = new BlockBudget();
  budget.tryAdd(helpBlocks());
  const upNext: string[] = [];
  if (result.hits.length > 0) {
    budget.tryAdd([{ type: "section", text: { type: "mrkdwn", text: "*Up next*" } }]);
    for (const hit of result.hits) {
      const view = talkView(hit.talk, lookup);
      if (!budget.tryAdd(talkCard(view, { share: true }))) break;
      upNext.push(view.title);
    }
  }
  const next = upNext.length > 0 ? ` Up next: ${upNext.join("; ")}` : "";
  const text = fitMrkdwn(
    `Find talks with /talk: a topic, a speaker, a company, track <name>, now, next, today.${next}`,
    Limits.fallbackText,
  );
  return { text, blocks: budget.blocks };
}
