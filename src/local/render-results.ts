import type { Catalog } from "../catalog/schema.ts";
import { partialText } from "../present/partial-text.ts";
import { queryExamples } from "../present/query-examples.ts";
import { laterSlots, slotHeads } from "../present/slots.ts";
import { type CatalogLookup, scheduleText, type TalkView, talkView } from "../present/talk-view.ts";
import { trackLine, trackViews } from "../present/track-view.ts";
import type { SearchResult } from "../search/types.ts";
import type { Snapshot } from "../snapshot.ts";

/** The terminal twin of the Slack results message: same talks, same facts, plain text. */
export function renderResults(result: SearchResult, snapshot: Snapshot): string {
  const { catalog, lookup } = snapshot;
  if (result.help) return `${helpText()}${renderUpNext(result, lookup)}`;
  if (result.list) return renderList(result, lookup);
  const tracks = trackViews(result.tracks ?? [], lookup);
  if (result.total === 0 && tracks.length > 0) {
    const cards = tracks.map((t) => {
      const lines = [
        `Track: ${t.name}`,
        `   ${[t.when, t.host && `hosted by ${t.host}`].filter(Boolean).join(" · ")}`,
      ];
      if (t.description) lines.push(`   ${t.description}`);
      lines.push(
        `   ${t.talks === "no sessions listed yet" ? "No sessions listed yet." : t.talks}`,
        "",
      );
      return lines.join("\n");
    });
    return `No talks for "${result.query}" yet, but ${tracks.length === 1 ? "this track matches" : "these tracks match"}:\n\n${cards.join("\n")}`;
  }
  if (result.total === 0) {
    const schedule = result.timed ? scheduleText(lookup) : null;
    const tips = result.suggestions.length
      ? `\nDid you mean: ${result.suggestions.join(", ")}?`
      : schedule
        ? `\n${schedule}\n${rehearsalHint(catalog)}`
        : "\nTry a speaker, a company, a topic, or `track <name>`, `today`, `next`.";
    return `No talks found for "${result.query}".${tips}\n`;
  }
  if (result.hits.length === 0) {
    return `That's all ${result.total} talk${result.total === 1 ? "" : "s"} for "${result.query}".\n`;
  }
  const from = result.offset + 1;
  const to = result.offset + result.hits.length;
  const filters = result.filters.length ? ` (${result.filters.join(", ")})` : "";
  const lines = [
    `${result.total} talk${result.total === 1 ? "" : "s"} for "${result.query}"${filters}, showing ${from}–${to}:`,
  ];
  const partial = partialText(result);
  if (partial) lines.push(partial);
  if (result.notice) lines.push(result.notice);
  for (const t of tracks)
    lines.push(`Track${t.host ? ` hosted by ${t.host}` : ""}: ${t.name} (${t.when})`);
  lines.push("");
  const heads = slotHeads(result);
  result.hits.forEach((hit, i) => {
    const head = heads.get(i);
    if (head) lines.push(`── ${head}`, "");
    lines.push(renderTalk(talkView(hit.talk, lookup), from + i, hit.matched));
  });
  const later = laterSlots(result);
  if (later) lines.push(later);
  if (to < result.total)
    lines.push(`Type "more" for the next ${Math.min(result.limit, result.total - to)}.`);
  return `${lines.join("\n")}\n`;
}

function renderList(result: SearchResult, lookup: CatalogLookup): string {
  if (result.list === "rooms") {
    const rooms = result.rooms ?? [];
    const lines = rooms.map((r) => `  ${r.name} · ${r.talks} talk${r.talks === 1 ? "" : "s"}`);
    return `${rooms.length} room${rooms.length === 1 ? "" : "s"}:\n${lines.join("\n")}\n`;
  }
  const tracks = trackViews(result.tracks ?? [], lookup);
  const lines = tracks.map((t) => `  ${trackLine(t)}`);
  return `${tracks.length} track${tracks.length === 1 ? "" : "s"}:\n${lines.join("\n")}\n`;
}

function renderUpNext(result: SearchResult, lookup: CatalogLookup): string {
  if (result.hits.length === 0) return "";
  const lines = ["", "Up next:", ""];
  result.hits.forEach((hit, i) => {
    lines.push(renderTalk(talkView(hit.talk, lookup), i + 1, []));
  });
  return `${lines.join("\n")}\n`;
}

export function renderTalk(view: TalkView, n: number, matched: readonly string[]): string {
  const lines = [`${n}. ${view.title}`];
  if (view.speakers.length) lines.push(`   ${view.speakers.join("; ")}`);
  const where = [view.track && `Track: ${view.track}`, view.room && `Room: ${view.room}`, view.when]
    .filter(Boolean)
    .join(" · ");
  if (where) lines.push(`   ${where}`);
  if (view.excerpt && !view.untitled) lines.push(`   ${view.excerpt}`);
  if (matched.length) lines.push(`   (matched: ${matched.join(", ")})`);
  lines.push("");
  return lines.join("\n");
}

export function helpText(): string {
  const lines = queryExamples.map(([example, what]) => `  ${example.padEnd(28)}${what}`);
  return [
    "Ask for talks the way you would in Slack:",
    ...lines,
    `  ${"more".padEnd(28)}the next page of the last search`,
    `  ${"details 2".padEnd(28)}talk 2 of the last answer in full: abstract, speakers' bios;  "quit" to leave`,
    "",
  ].join("\n");
}

/** Time words answer for the clock's now: say how to ask them on the schedule's own days. */
function rehearsalHint(catalog: Catalog): string {
  let first = Number.POSITIVE_INFINITY;
  for (const talk of catalog.talks) {
    if (talk.start) first = Math.min(first, Date.parse(talk.start));
  }
  if (!Number.isFinite(first)) return "";
  // Half an hour before the first talk, so that `next` has something to show.
  const at = new Date(first - 30 * 60_000).toISOString().replace(".000Z", "Z");
  return `To ask as if on the day, start talkbot on the schedule's clock: TALKBOT_NOW=${at} npm start`;
}
