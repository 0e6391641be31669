import type { Catalog, Talk } from "../catalog/schema.ts";
import { runSteps, type Steps } from "../steps.ts";
import { fieldsOf, TIME_BIT } from "./match-fields.ts";
import { terms } from "./normalize.ts";
import { type ParsedQuery, parseQuery } from "./parse-query.ts";
import { capQuery } from "./query-limit.ts";
import { type ResolvedFilters, resolveFilters } from "./resolve-filters.ts";
import type { ResultSet } from "./result-set.ts";
import { type SearchIndex, searchIndexSteps } from "./search-index.ts";
import { suggestForFilters, suggestFromText } from "./suggest.ts";
import { narrowToTime, slotsOf, timeOnly, upNext } from "./time-answer.ts";
import { describeTime } from "./time-filter.ts";
import { topK } from "./top-k.ts";
import { hostedTracks, listing, tracksInstead } from "./track-answer.ts";
import type { SearchHit, SearchOptions, SearchResult, TalkSearch } from "./types.ts";

const DEFAULT_LIMIT = 10;

/**
 * Hits scoring under this share of the best one are passing mentions of a
 * common word; they are dropped rather than padding the list.
 */
const RELATIVE_FLOOR = 0.04;

/** Builds the index for a catalog once; each search then reads it without changing it. */
export function createSearch(catalog: Catalog): TalkSearch {
  return runSteps(searchSteps(catalog));
}

/** `createSearch`, built in pieces (see Steps). */
export function* searchSteps(catalog: Catalog): Steps<TalkSearch> {
  const index = yield* searchIndexSteps(catalog);
  return { search: (query, options) => runSearch(index, query, options) };
}

function runSearch(index: SearchIndex, asked: string, options: SearchOptions): SearchResult {
  const query = capQuery(asked);
  const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT));
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const parsed = parseQuery(query);
  const filters = resolveFilters(index, parsed.filters);
  const text = [...parsed.text, ...filters.leftover].join(" ");
  const hasText = terms(text).length > 0;
  const results = index.results.clear();
  let partial: SearchResult["partial"];
  const extra: Partial<SearchResult> = {};
  const page = (more: Partial<SearchResult> = {}): SearchResult => ({
    query,
    help: false,
    hits: ordered(index, offset + limit)
      .slice(offset)
      .map((position) => toHit(index, position)),
    total: results.size,
    offset,
    limit,
    suggestions: [],
    filters: [...filters.descriptions, ...describeTime(parsed.time)],
    timed: parsed.time.length > 0,
    ...(partial && results.size > 0 ? { partial } : {}),
    ...more,
  });

  if (parsed.list) return page(listing(index, parsed.list));
  if (parsed.help || isEmpty(parsed, hasText)) {
    for (const doc of upNext(index, options.now)) results.add(doc, 1, TIME_BIT);
    return page({ help: true, filters: describeTime([{ kind: "next" }]) });
  }
  if (filters.unresolved.length > 0) {
    // Nothing matched because a name is unknown, whatever the time words said.
    return page({ suggestions: suggestForFilters(index, filters.unresolved), timed: false });
  }

  if (hasText) {
    // Without time words the weak tail can be cut inside the index, before it is sorted.
    const floor = parsed.time.length === 0 ? RELATIVE_FLOOR : 0;
    const coverage = index.text.search(text, results, {
      allowed: filters.allowed,
      floor,
      matched: filters.fields,
    });
    if (coverage.matched.length > 0 && coverage.missing.length > 0) partial = coverage;
    Object.assign(extra, narrowToTime(index, parsed, options.now, text));
  } else if (parsed.time.length > 0) {
    const matched = filters.fields | TIME_BIT;
    const named = filters.descriptions.join(", ");
    Object.assign(extra, timeOnly(index, parsed, filters.allowed, matched, options.now, named));
    // Every talk scores the same: the answer reads in start order, so group it by start.
    if (results.size > limit) extra.slots = slotsOf(index);
  } else {
    filterOnly(index, filters);
  }
  dropWeak(results);

  if (results.size === 0) {
    // A track with no sessions listed yet is still an answer: the track itself.
    const tracks = parsed.time.length === 0 ? tracksInstead(index, parsed.filters, text) : [];
    if (tracks.length > 0) return page({ tracks });
    return page({ suggestions: hasText ? suggestFromText(index, text) : [] });
  }
  const hosted = hostedTracks(index, filters.speakers);
  if (hosted.length > 0) extra.tracks = hosted;
  return page(extra);
}

/** Name filters without free text or time words: every talk they allow. */
function filterOnly(index: SearchIndex, filters: ResolvedFilters): void {
  for (let doc = 0; doc < index.talks.length; doc++) {
    if (!filters.allowed || filters.allowed[doc] === 1) index.results.add(doc, 1, filters.fields);
  }
}

function isEmpty(parsed: ParsedQuery, hasText: boolean): boolean {
  return !hasText && parsed.time.length === 0 && parsed.filters.length === 0;
}

/** Drops passing mentions and scales scores so the best is 1 (rounded, so near-ties are ties). */
function dropWeak(results: ResultSet): void {
  const top = bestScore(results);
  if (top === 0) return;
  const floor = top * RELATIVE_FLOOR;
  results.retain((i) => (results.score[i] as number) >= floor);
  for (let i = 0; i < results.size; i++) {
    results.score[i] = Math.round(((results.score[i] as number) / top) * 10_000) / 10_000;
  }
}

function bestScore(results: ResultSet): number {
  let top = 0;
  for (let i = 0; i < results.size; i++) {
    const s = results.score[i] as number;
    if (s > top) top = s;
  }
  return top;
}

/** Positions of the first `count` results: best first; equal scores by start time (untimed last), then title, then id. */
function ordered(index: SearchIndex, count: number): number[] {
  const { doc, score, size } = index.results;
  const startOf = (p: number) => index.timed[doc[p] as number]?.start ?? Number.POSITIVE_INFINITY;
  return topK(size, count, (a, b) => {
    const sa = score[a] as number;
    const sb = score[b] as number;
    if (sa !== sb) return sb - sa;
    const ta = startOf(a);
    const tb = startOf(b);
    if (ta !== tb) return ta < tb ? -1 : 1;
    const na = index.sortTitles[doc[a] as number] ?? "";
    const nb = index.sortTitles[doc[b] as number] ?? "";
    if (na !== nb) return na < nb ? -1 : 1;
    const ia = index.talks[doc[a] as number]?.id ?? "";
    const ib = index.talks[doc[b] as number]?.id ?? "";
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
}

function toHit(index: SearchIndex, position: number): SearchHit {
  const { doc, score, matched } = index.results;
  const bits = matched[position] as number;
  return {
    talk: index.talks[doc[position] as number] as Talk,
    score: score[position] as number,
    matched: fieldsOf(bits),
  };
}
