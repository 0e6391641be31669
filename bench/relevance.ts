/**
 * Scores a ranking function on a labelled query set: hit@1 (the first result
 * is one of the right answers), recall@5 (how many of the expected talks are
 * in the first five), precision@5 (over queries whose whole answer is known:
 * how many of the first five are right), the share of must-be-empty queries
 * that come back empty, and the share of queries with negative labels (talks
 * that must not appear) whose first five hold none of them. A query expecting
 * nothing scores for hit@1 and recall only when nothing comes back.
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
  /** True when expected (with acceptable) is the whole right answer: precision is scored. */
  complete?: boolean;
  /** Not expected, but not wrong either (for precision). */
  acceptable?: string[];
  /**
   * Talks that must not be in the first five. With `expected: []` the query is
   * scored only on these (some other answer is fine); without, `expected: []`
   * means the right answer is nothing.
   */
  mustNot?: string[];
  note?: string;
}

export interface QueryScore {
  query: string;
  kind: string;
  hit: boolean;
  recall: number;
  /** Over a complete answer set; undefined otherwise. */
  precision?: number;
  /** Whether none of the talks that must not appear did; undefined without negatives. */
  clean?: boolean;
  /** For must-be-empty queries: whether nothing came back. */
  empty?: boolean;
  got: string[];
}

export interface RelevanceScore {
  queries: number;
  hitAt1: number;
  recallAt5: number;
  precisionAt5: number;
  /** Share of must-be-empty queries that came back empty. */
  emptyShare: number;
  /** Share of queries with negative labels whose first five hold none of them. */
  negativesClean: number;
  perQuery: QueryScore[];
}

const mean = (values: readonly number[]) =>
  values.length === 0 ? 1 : values.reduce((a, b) => a + b, 0) / values.length;

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
  const ranked = set.map((q) => {
    const got = rank(q.query, q.at ? new Date(q.at) : DEFAULT_NOW).slice(0, 5);
    const clean = q.mustNot ? !q.mustNot.some((id) => got.includes(id)) : undefined;
    return { q, got, clean };
  });
  const perQuery = ranked.map(({ q, got, clean }): QueryScore => {
    const base = { query: q.query, kind: q.kind, got, ...(clean === undefined ? {} : { clean }) };
    if (q.expected.length === 0) {
      const empty = got.length === 0;
      return { ...base, hit: empty, recall: empty ? 1 : 0, ...(q.mustNot ? {} : { empty }) };
    }
    const top = q.top ?? q.expected.slice(0, 1);
    const hit = got[0] !== undefined && top.includes(got[0]);
    const found = q.expected.filter((id) => got.includes(id)).length;
    const recall = found / Math.min(5, q.expected.length);
    if (!q.complete) return { ...base, hit, recall };
    const right = new Set([...q.expected, ...(q.acceptable ?? [])]);
    const precision = got.length === 0 ? 0 : got.filter((id) => right.has(id)).length / got.length;
    return { ...base, hit, recall, precision };
  });
  // Negatives-only queries (expected nothing in particular) count only for negativesClean.
  const answered = perQuery.filter((_, i) => {
    const q = ranked[i]?.q;
    return !(q && q.expected.length === 0 && q.mustNot);
  });
  const n = answered.length || 1;
  return {
    queries: perQuery.length,
    hitAt1: answered.filter((s) => s.hit).length / n,
    recallAt5: answered.reduce((sum, s) => sum + s.recall, 0) / n,
    precisionAt5: mean(perQuery.flatMap((s) => (s.precision === undefined ? [] : [s.precision]))),
    emptyShare: mean(perQuery.flatMap((s) => (s.empty === undefined ? [] : [s.empty ? 1 : 0]))),
    negativesClean: mean(perQuery.flatMap((s) => (s.clean === undefined ? [] : [s.clean ? 1 : 0]))),
    perQuery,
  };
}
