import type { KnownBlock } from "@slack/types";
import type { CatalogLookup } from "../../present/talk-view.ts";
import { type TrackView, trackLine, trackViews } from "../../present/track-view.ts";
import type { SearchResult } from "../../search/types.ts";
import { headerText } from "./buttons.ts";
import { BlockBudget, fitMrkdwn, Limits, type SlackMessage } from "./limits.ts";

/** A track as one section: bold name, event and day, host, description, how many talks. */
function trackSection(view: TrackView): KnownBlock {
  const lines = [`*${fitMrkdwn(view.name, 250)}*`];
  const about = [view.when, view.host && `hosted by ${view.host}`].filter(Boolean).join(" · ");
  if (about) lines.push(fitMrkdwn(about, 300));
  if (view.description) lines.push(`>${fitMrkdwn(view.description, 600)}`);
  lines.push(view.talks === "no sessions listed yet" ? "_No sessions listed yet._" : view.talks);
  return { type: "section", text: { type: "mrkdwn", text: lines.join("\n") } };
}

/** No talk answered, but tracks did (they have no sessions listed yet): show them. */
export function tracksMessage(result: SearchResult, lookup: CatalogLookup): SlackMessage {
  const views = trackViews(result.tracks ?? [], lookup);
  const query = result.query.trim();
  const budget = new BlockBudget();
  const head = `No talks for “${query}” yet, but ${views.length === 1 ? "this track matches" : "these tracks match"}`;
  budget.tryAdd([{ type: "header", text: headerText(head) }]);
  for (const view of views) if (!budget.tryAdd([trackSection(view)])) break;
  return {
    text: fitMrkdwn(`${head}: ${views.map((v) => v.name).join("; ")}`, Limits.fallbackText),
    blocks: budget.blocks,
  };
}

/** Lines in sections of at most a section's length, as many as fit in one message. */
function linesMessage(head: string, lines: string[]): SlackMessage {
  const budget = new BlockBudget();
  budget.tryAdd([{ type: "header", text: headerText(head) }]);
  let chunk: string[] = [];
  let size = 0;
  const flush = () => {
    if (chunk.length > 0)
      budget.tryAdd([{ type: "section", text: { type: "mrkdwn", text: chunk.join("\n") } }]);
    chunk = [];
    size = 0;
  };
  for (const line of lines) {
    if (size + line.length + 1 > Limits.sectionText) flush();
    chunk.push(line);
    size += line.length + 1;
  }
  flush();
  return { text: fitMrkdwn(head, Limits.fallbackText), blocks: budget.blocks };
}

/** `tracks` or `rooms`: every one, with day, host and how many talks. */
export function listMessage(result: SearchResult, lookup: CatalogLookup): SlackMessage {
  if (result.list === "rooms") {
    const rooms = result.rooms ?? [];
    const lines = rooms.map(
      (r) => `• ${fitMrkdwn(r.name, 150)} · ${r.talks} talk${r.talks === 1 ? "" : "s"}`,
    );
    return linesMessage(`${rooms.length} room${rooms.length === 1 ? "" : "s"}`, lines);
  }
  const views = trackViews(result.tracks ?? [], lookup);
  const lines = views.map((v) => `• ${fitMrkdwn(trackLine(v), 400)}`);
  return linesMessage(`${views.length} track${views.length === 1 ? "" : "s"}`, lines);
}
