/**
 * Scores a ranking function on a labelled query set: hit@1 (the first result
 * is one of the right answers) and recall@5 (how many of the expected talks
 * are in the first five). A query expecting nothing scores only when nothing
 * comes back.
 */
import { readFileSync } from "node:fs";

export interface LabelledQuery {
  query: string;
  kind: string;
  /** ISO instant for time words; queries without one are not time-dependent. */
  at?: string;
  /** Talk ids that should be in the first five, best first; [] for nonsense. */
  expected: string[];
  /** Ids acceptable in first place, when several are equally right; defaults to expected[0]. */
  top?: string[];
  note?: string;
}

export interface QueryScore {
  query: string;
  kind: string;
  hit: boolean;
  recall: number;
  got: string[];
}

export interface RelevanceScore {
  queries: number;
  hitAt1: number;
  recallAt5: number;
  perQuery: QueryScore[];
}

/** Ranks talk ids for a query at an instant. */
export type Ranker = (query: string, now: Date) => string[];

/** Any fixed instant: it only matters to queries that carry their own `at`. */
const DEFAULT_NOW = new Date("2020-03-03T09:00:00Z");

export const LABELLED_QUERIES_PATH = new URL(
  "../test/search/labelled-queries.json",
  import.meta.url,
);

/** A second set over FOSDEM 2026 as imported, to check the ranking beyond the seed's 34 talks. */
export const FOSDEM_QUERIES = new URL(
  "../test/search/labelled-queries-fosdem.json",
  import.meta.url,
);

export function loadLabelledQueries(path: URL | string = LABELLED_QUERIES_PATH): LabelledQuery[] {
  return JSON.parse(readFileSync(path, "utf8")) as LabelledQuery[];
}

export function scoreRelevance(set: readonly LabelledQuery[], rank: Ranker): RelevanceScore {
  const perQuery = set.map((q): QueryScore => {
    const got = rank(q.query, q.at ? new Date(q.at) : DEFAULT_NOW).slice(0, 5);
    if (q.expected.length === 0) {
      const empty = got.length === 0;
      return { query: q.query, kind: q.kind, hit: empty, recall: empty ? 1 : 0, got };
    }
    const top = q.top ?? q.expected.slice(0, 1);
    const hit = got[0] !== undefined && top.includes(got[0]);
    const found = q.expected.filter((id) => got.includes(id)).length;
    const recall = found / Math.min(5, q.expected.length);
    return { query: q.query, kind: q.kind, hit, recall, got };
  });
  const n = perQuery.length || 1;
  return {
    queries: perQuery.length,
    hitAt1: perQuery.filter((s) => s.hit).length / n,
    recallAt5: perQuery.reduce((sum, s) => sum + s.recall, 0) / n,
    perQuery,
  };
}
