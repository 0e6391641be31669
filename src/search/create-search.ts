import type { Catalog, Talk } from "../catalog/schema.ts";
import { terms } from "./normalize.ts";
import { type NameFilter, type ParsedQuery, parseQuery } from "./parse-query.ts";
import { buildSearchIndex, type NameTable, type SearchIndex } from "./search-index.ts";
import { DayFilter, describeTime, inProgress, nextSlots, type TimedTalk } from "./time-filter.ts";
import { topK } from "./top-k.ts";
import type { MatchField, SearchHit, SearchOptions, SearchResult, TalkSearch } from "./types.ts";

export const DEFAULT_LIMIT = 10;
const MAX_SUGGESTIONS = 5;
/** A suggested name must be at least this close to a typed word (1 = exact). */
const SUGGESTION_QUALITY = 0.6;

/**
 * Hits scoring under this share of the best one are passing mentions of a
 * common word; they are dropped rather than padding the list.
 */
const RELATIVE_FLOOR = 0.04;

const FIELD_ORDER: readonly MatchField[] = [
  "title",
  "speaker",
  "company",
  "role",
  "track",
  "tag",
  "room",
  "abstract",
  "time",
];

/** Builds the index for a catalog once; each search then reads it without changing it. */
export function createSearch(catalog: Catalog): TalkSearch {
  const index = buildSearchIndex(catalog);
  return { search: (query, options) => runSearch(index, query, options) };
}

interface Candidate {
  doc: number;
  score: number;
  /** Bit i set when FIELD_ORDER[i] matched. */
  matched: number;
}

const TIME_BIT = 1 << FIELD_ORDER.indexOf("time");

function fieldBits(fields: readonly MatchField[]): number {
  let bits = 0;
  for (const f of fields) bits |= 1 << FIELD_ORDER.indexOf(f);
  return bits;
}

interface ResolvedFilters {
  /** Allowed documents, or undefined when no name filter was given. */
  allowed?: Uint8Array;
  /** Words that turned out not to be part of a name, returned to the free text. */
  leftover: string[];
  descriptions: string[];
  /** The filters' fields as match bits. */
  fields: number;
  /** Filters naming nothing in the catalog; their closest names are suggested. */
  unresolved: NameFilter[];
}

function runSearch(index: SearchIndex, query: string, options: SearchOptions): SearchResult {
  const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT));
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const parsed = parseQuery(query);
  const filters = resolveFilters(index, parsed.filters);
  const text = [...parsed.text, ...filters.leftover].join(" ");
  const hasText = terms(text).length > 0;
  const page = (all: Candidate[], extra: Partial<SearchResult> = {}): SearchResult => ({
    query,
    help: false,
    hits: ordered(index, all, offset + limit)
      .slice(offset)
      .map((c) => toHit(index, c)),
    total: all.length,
    offset,
    limit,
    suggestions: [],
    filters: [...filters.descriptions, ...describeTime(parsed.time)],
    ...extra,
  });

  if (parsed.help || isEmpty(parsed, hasText)) {
    const docs = [...nextSlots(index.timed, options.now)];
    const all = docs.map((doc) => ({ doc, score: 1, matched: TIME_BIT }));
    return page(all, { help: true, filters: describeTime([{ kind: "next" }]) });
  }
  if (filters.unresolved.length > 0) {
    return page([], { suggestions: suggestFor(index, filters.unresolved) });
  }

  let candidates: Candidate[];
  if (hasText) {
    const result = index.text.search(text, filters.allowed);
    candidates = result.hits.map((h) => ({
      doc: h.doc,
      score: h.score,
      matched: h.fields | filters.fields,
    }));
  } else {
    // Filters alone: every talk they allow, checked for its day before anything is allocated.
    candidates = [];
    const days = parsed.time.length > 0 ? new DayFilter(parsed.time, options.now) : undefined;
    for (let doc = 0; doc < index.talks.length; doc++) {
      if (filters.allowed && filters.allowed[doc] !== 1) continue;
      if (days && !days.matches(index.timed[doc] as TimedTalk)) continue;
      candidates.push({ doc, score: 1, matched: filters.fields });
    }
  }
  candidates = applyTime(index, candidates, parsed, options.now);
  const all = dropWeak(candidates);

  if (all.length === 0) {
    const suggestions = hasText ? suggestFromText(index, text) : [];
    return page([], { suggestions });
  }
  return page(all);
}

function isEmpty(parsed: ParsedQuery, hasText: boolean): boolean {
  return !hasText && parsed.time.length === 0 && parsed.filters.length === 0;
}

function resolveFilters(index: SearchIndex, wanted: NameFilter[]): ResolvedFilters {
  const out: ResolvedFilters = { leftover: [], descriptions: [], fields: 0, unresolved: [] };
  for (const filter of wanted) {
    const table = index.names[filter.field];
    const found = resolveName(table, filter);
    if (!found) {
      out.unresolved.push(filter);
      continue;
    }
    out.leftover.push(...found.leftover);
    const allowed = new Uint8Array(index.talks.length);
    for (const name of found.names) for (const doc of table.docs[name] ?? []) allowed[doc] = 1;
    const before = out.allowed;
    out.allowed = before ? allowed.map((v, d) => v & (before[d] ?? 0)) : allowed;
    const shown = found.names.slice(0, 3).map((n) => table.index.names[n] ?? "");
    const more = found.names.length > 3 ? ` (+${found.names.length - 3} more)` : "";
    out.descriptions.push(`${filter.field}: ${shown.join(" / ")}${more}`);
    out.fields |= fieldBits([filter.field]);
  }
  return out;
}

/**
 * `track architectures kafka`: the longest run of leading words that names a
 * track is the name; the rest goes back to the free text.
 */
function resolveName(
  table: NameTable,
  filter: NameFilter,
): { names: number[]; leftover: string[] } | undefined {
  const shortest = filter.closed ? filter.words.length : 1;
  for (let k = filter.words.length; k >= shortest; k--) {
    const matches = table.index.matchAll(filter.words.slice(0, k));
    if (matches.length > 0) {
      return { names: matches.map((m) => m.name), leftover: filter.words.slice(k) };
    }
  }
  return undefined;
}

function applyTime(
  index: SearchIndex,
  candidates: Candidate[],
  parsed: ParsedQuery,
  now: Date,
): Candidate[] {
  if (parsed.time.length === 0) return candidates;
  const wantsNow = parsed.time.some((w) => w.kind === "now");
  const wantsNext = parsed.time.some((w) => w.kind === "next");
  const days = new DayFilter(parsed.time, now);
  let kept = candidates.filter((c) => {
    const timed = index.timed[c.doc];
    return timed !== undefined && days.matches(timed);
  });
  if (wantsNow || wantsNext) {
    const next = wantsNext
      ? nextSlots(
          kept.map((c) => index.timed[c.doc] as TimedTalk),
          now,
        )
      : new Set<number>();
    kept = kept.filter(
      (c) => (wantsNow && inProgress(index.timed[c.doc] as TimedTalk, now)) || next.has(c.doc),
    );
  }
  for (const c of kept) c.matched |= TIME_BIT;
  return kept;
}

/** Drops passing mentions and scales scores so the best is 1 (rounded, so near-ties are ties). */
function dropWeak(candidates: Candidate[]): Candidate[] {
  let top = 0;
  for (const c of candidates) if (c.score > top) top = c.score;
  if (top === 0) return candidates;
  const kept = candidates.filter((c) => c.score >= top * RELATIVE_FLOOR);
  for (const c of kept) c.score = Math.round((c.score / top) * 10_000) / 10_000;
  return kept;
}

/** Best first; equal scores by start time (untimed last), then title, then id. */
function comparator(index: SearchIndex): (a: Candidate, b: Candidate) => number {
  const startOf = (c: Candidate) => index.timed[c.doc]?.start ?? Number.POSITIVE_INFINITY;
  return (a, b) => {
    if (a.score !== b.score) return b.score - a.score;
    const sa = startOf(a);
    const sb = startOf(b);
    if (sa !== sb) return sa < sb ? -1 : 1;
    const ta = index.sortTitles[a.doc] ?? "";
    const tb = index.sortTitles[b.doc] ?? "";
    if (ta !== tb) return ta < tb ? -1 : 1;
    const ia = index.talks[a.doc]?.id ?? "";
    const ib = index.talks[b.doc]?.id ?? "";
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  };
}

/** The first `count` candidates in order, without sorting thousands to show ten. */
function ordered(index: SearchIndex, all: Candidate[], count: number): Candidate[] {
  return topK(all, count, comparator(index));
}

function toHit(index: SearchIndex, c: Candidate): SearchHit {
  return {
    talk: index.talks[c.doc] as Talk,
    score: c.score,
    matched: FIELD_ORDER.filter((_, i) => (c.matched & (1 << i)) !== 0),
  };
}

/**
 * For a track, speaker or room that named nothing: the closest names of that
 * kind; for tracks and rooms, when none is close, some that exist.
 */
function suggestFor(index: SearchIndex, unresolved: NameFilter[]): string[] {
  const out = new Set<string>();
  for (const filter of unresolved) {
    const table = index.names[filter.field];
    const close = table.index.closest(filter.words, MAX_SUGGESTIONS, SUGGESTION_QUALITY);
    for (const m of close) out.add(table.index.names[m.name] ?? "");
    if (close.length === 0 && filter.field !== "speaker") {
      for (const name of table.index.names.slice(0, MAX_SUGGESTIONS)) out.add(name);
    }
  }
  return [...out].filter(Boolean).slice(0, MAX_SUGGESTIONS);
}

/** Track and speaker names close to what was typed, the closest first. */
function suggestFromText(index: SearchIndex, text: string): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const scored: { name: string; score: number }[] = [];
  for (const field of ["track", "speaker"] as const) {
    const table = index.names[field];
    for (const m of table.index.closest(words, MAX_SUGGESTIONS, SUGGESTION_QUALITY)) {
      scored.push({ name: table.index.names[m.name] ?? "", score: m.score });
    }
  }
  scored.sort((a, b) => b.score - a.score);
  return [...new Set(scored.map((s) => s.name).filter(Boolean))].slice(0, MAX_SUGGESTIONS);
}
