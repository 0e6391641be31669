import type { Catalog } from "../catalog/schema.ts";
import { createSearch } from "./create-search.ts";
import type { SearchOptions, SearchResult, TalkSearch } from "./types.ts";

/** Answers kept per search instance (so per catalog: a reload builds a new, empty one). */
const DEFAULT_CACHE_ENTRIES = 1_000;

/** Longer queries are searched every time: rare, and they would make the cache's keys large. */
const MAX_CACHED_QUERY_CHARS = 500;

const MINUTE_MS = 60_000;

export interface SearchCacheStats {
  hits: number;
  misses: number;
  /** Answers held now. */
  size: number;
  /** Whether `now` is taken to the minute (every talk time of the catalog is on a whole minute). */
  minuteGranular: boolean;
}

export interface CachedSearch extends TalkSearch {
  stats(): SearchCacheStats;
}

/**
 * `createSearch(catalog)` behind a small LRU cache of answers. At a conference
 * many people ask the same things (`next`, `now`, a popular topic) within the
 * same minute, and the answer to a query depends only on its text, the page
 * asked for, the catalog and the clock.
 *
 * The key is the query as the search reads it (lower case, runs of white space
 * as one space, trimmed: the parser folds case first and splits on white space),
 * the limit, the offset and `now`. When every talk of the catalog starts and
 * ends on a whole minute, `now` counts to the minute: `now`, `next` and the day
 * words compare `now` with talk times and the events' local midnights, and no
 * comparison changes within a minute then. Otherwise `now` counts to the
 * millisecond.
 *
 * Answers are frozen, as the cache hands them out again: asked with the same
 * text (and page and minute), the caller gets the very answer object it got
 * before, so work done on an answer (rendering it for Slack) can be kept by its
 * identity; asked in another case or spacing, a copy carrying the caller's own
 * query text.
 */
export function createCachedSearch(
  catalog: Catalog,
  maxEntries = DEFAULT_CACHE_ENTRIES,
): CachedSearch {
  return cachedSearch(createSearch(catalog), catalog, maxEntries);
}

/** `search` (built from `catalog`) behind the cache that `createCachedSearch` describes. */
export function cachedSearch(
  search: TalkSearch,
  catalog: Catalog,
  maxEntries = DEFAULT_CACHE_ENTRIES,
): CachedSearch {
  const minuteGranular = onWholeMinutes(catalog);
  const answers = new Map<string, SearchResult>();
  let hits = 0;
  let misses = 0;

  return {
    search(query: string, options: SearchOptions): SearchResult {
      if (query.length > MAX_CACHED_QUERY_CHARS || maxEntries <= 0) {
        return search.search(query, options);
      }
      const at = options.now.getTime();
      const instant = minuteGranular ? Math.floor(at / MINUTE_MS) * MINUTE_MS : at;
      const key = `${instant} ${options.limit ?? ""} ${options.offset ?? ""} ${normalizeQuery(query)}`;
      const cached = answers.get(key);
      if (cached) {
        hits++;
        // Most recently used last: Map keeps insertion order.
        answers.delete(key);
        answers.set(key, cached);
        return cached.query === query ? cached : Object.freeze({ ...cached, query });
      }
      misses++;
      const result = frozen(search.search(query, options));
      if (answers.size >= maxEntries) {
        const oldest = answers.keys().next().value;
        if (oldest !== undefined) answers.delete(oldest);
      }
      answers.set(key, result);
      return result;
    },
    stats: () => ({ hits, misses, size: answers.size, minuteGranular }),
  };
}

/** Freezes all of an answer but the talks themselves (the catalog's objects). */
function frozen(result: SearchResult): SearchResult {
  for (const hit of result.hits) {
    Object.freeze(hit.matched);
    Object.freeze(hit);
  }
  Object.freeze(result.hits);
  Object.freeze(result.filters);
  Object.freeze(result.suggestions);
  for (const list of [result.slots, result.tracks, result.rooms]) {
    for (const item of list ?? []) Object.freeze(item);
    if (list) Object.freeze(list);
  }
  if (result.partial) Object.freeze(result.partial);
  return Object.freeze(result);
}

/** What the search distinguishes in a query's text (see `parseQuery`, which folds case first). */
export function normalizeQuery(query: string): string {
  return query.toLowerCase().replace(/\s+/g, " ").trim();
}

/** True when every talk's start and end (as written) fall on a whole minute. */
function onWholeMinutes(catalog: Catalog): boolean {
  for (const talk of catalog.talks) {
    for (const time of [talk.start, talk.end]) {
      if (!time) continue;
      const ms = Date.parse(time);
      if (Number.isFinite(ms) && ms % MINUTE_MS !== 0) return false;
    }
  }
  return true;
}
