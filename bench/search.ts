/**
 * Query latency, index build time and relevance of the talk search against
 * fuse.js with default options (and tuned), on the seed catalog, FOSDEM 2026
 * imported and a generated 10,000-talk catalog.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import v8 from "node:v8";
import vm from "node:vm";
import Fuse from "fuse.js";
import { importFiles } from "../src/catalog/import/import-files.ts";
import { loadCatalogFile } from "../src/catalog/load.ts";
import type { Catalog } from "../src/catalog/schema.ts";
import { createSearch } from "../src/search/create-search.ts";
import type { TalkSearch } from "../src/search/types.ts";
import { generateCatalog } from "./generate-catalog.ts";
import type { Report } from "./lib/report.ts";
import { type MixQuery, queryMix } from "./query-mix.ts";
import {
  FOSDEM_QUERIES,
  type LabelledQuery,
  loadLabelledQueries,
  scoreRelevance,
} from "./relevance.ts";

const SEED_CATALOG = new URL("../data/catalog.json", import.meta.url).pathname;
const FOSDEM = new URL("../../shared/fixtures/frab/fosdem-2026.xml", import.meta.url).pathname;

/** Queries per catalog; the engine runs the mix ROUNDS times after a warm-up round. */
const MIX_SIZE = Number(process.env.BENCH_QUERIES ?? 500);
const ROUNDS = 5;
const BUILDS = 3;

/**
 * A full collection before each timed phase, so one engine does not pay for the
 * garbage the previous phase left. Reached without --expose-gc on the command line.
 */
v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;

interface Target {
  name: string;
  load: () => Promise<Catalog>;
  /** Default-options fuse.js takes around a second a query at 10,000 talks: fewer samples there. */
  baselineQueries: number;
}

const targets: Target[] = [
  { name: "seed", load: async () => loadCatalogFile(SEED_CATALOG), baselineQueries: MIX_SIZE },
  {
    name: "fosdem-2026",
    load: async () => (await importFiles([FOSDEM])).catalog,
    baselineQueries: Math.min(MIX_SIZE, 200),
  },
  {
    name: "generated-10k",
    load: async () => generateCatalog({ talks: 10_000 }),
    baselineQueries: 60,
  },
];

/** Talks as fuse.js sees them: breaks left out (a catalog rule, not ranking), track names inlined. */
function fuseDocs(catalog: Catalog): Record<string, unknown>[] {
  const tracks = new Map(catalog.tracks.map((t) => [t.id, t.name]));
  return catalog.talks
    .filter((t) => t.format !== "break")
    .map((t) => ({ ...t, track: t.trackId ? (tracks.get(t.trackId) ?? "") : "" }));
}

/** fuse.js as a reader would first try it: the talk fields as keys, every option left at its default. */
export function defaultFuse(catalog: Catalog): Fuse<Record<string, unknown>> {
  return new Fuse<Record<string, unknown>>(fuseDocs(catalog), {
    keys: [
      "title",
      "speakers.name",
      "speakers.company",
      "speakers.role",
      "track",
      "tags",
      "room",
      "abstract",
    ],
  });
}

/**
 * fuse.js tuned as far as its options go: the same field weights as talkbot,
 * matches anywhere in a field, token search with TF-IDF, accents ignored. It
 * ranks far better than the defaults and is no faster; it is here to show the
 * gap is not a matter of options.
 */
export function tunedFuse(catalog: Catalog): Fuse<Record<string, unknown>> {
  return new Fuse<Record<string, unknown>>(fuseDocs(catalog), {
    keys: [
      { name: "title", weight: 7 },
      { name: "speakers.name", weight: 7 },
      { name: "speakers.company", weight: 5 },
      { name: "tags", weight: 4 },
      { name: "track", weight: 3 },
      { name: "room", weight: 2.5 },
      { name: "speakers.role", weight: 1.5 },
      { name: "abstract", weight: 1 },
    ],
    threshold: 0.3,
    ignoreLocation: true,
    ignoreDiacritics: true,
    useTokenSearch: true,
  });
}

interface Baseline {
  name: string;
  build: (catalog: Catalog) => Fuse<Record<string, unknown>>;
  /** Share of the target's baseline query count to time (the tuned one is slower still). */
  share: number;
}

const BASELINES: Baseline[] = [
  { name: "fuse-default", build: defaultFuse, share: 1 },
  { name: "fuse-tuned", build: tunedFuse, share: 0.5 },
];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))
  ] as number;
}

function round(ms: number): number {
  return Number(ms.toFixed(ms < 1 ? 4 : 2));
}

function latency(samples: number[]): {
  p50_ms: number;
  p99_ms: number;
  mean_ms: number;
  max_ms: number;
} {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((s, x) => s + x, 0) / (samples.length || 1);
  return {
    p50_ms: round(percentile(sorted, 0.5)),
    p99_ms: round(percentile(sorted, 0.99)),
    mean_ms: round(mean),
    max_ms: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

function timeBuilds<T>(build: () => T): { result: T; ms: number } {
  let result: T | undefined;
  const times: number[] = [];
  for (let i = 0; i < BUILDS; i++) {
    const start = performance.now();
    result = build();
    times.push(performance.now() - start);
  }
  return { result: result as T, ms: median(times) };
}

/** Wall-clock ms per query: what a user waits, other processes on the machine included. */
function timeQueries(mix: MixQuery[], run: (q: MixQuery) => unknown, rounds: number): number[] {
  for (const q of mix) run(q); // warm-up: JIT and caches, as a long-running bot would be
  collectGarbage();
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of mix) {
      const start = performance.now();
      run(q);
      samples.push(performance.now() - start);
    }
  }
  return samples;
}

async function benchCatalog(target: Target, report: Report): Promise<void> {
  let catalog: Catalog;
  try {
    catalog = await target.load();
  } catch (err) {
    report({ catalog: target.name, skipped: (err as Error).message.split("\n")[0] ?? "failed" });
    return;
  }
  const talks = catalog.talks.length;
  const base = { catalog: target.name, talks };
  const mix = queryMix(catalog, MIX_SIZE);

  collectGarbage();
  const ours = timeBuilds(() => createSearch(catalog));
  report({ ...base, measure: "build", engine: "talkbot", ms: round(ours.ms), runs: BUILDS });
  const search: TalkSearch = ours.result;
  const oursSamples = timeQueries(
    mix,
    (q) => search.search(q.query, { now: q.now, limit: 10 }),
    ROUNDS,
  );
  const oursLatency = latency(oursSamples);
  report({
    ...base,
    measure: "query",
    engine: "talkbot",
    samples: oursSamples.length,
    ...oursLatency,
  });

  for (const baseline of BASELINES) {
    collectGarbage();
    const fuse = timeBuilds(() => baseline.build(catalog));
    report({ ...base, measure: "build", engine: baseline.name, ms: round(fuse.ms), runs: BUILDS });
    const samples = timeQueries(
      mix.slice(0, Math.round(target.baselineQueries * baseline.share)),
      (q) => fuse.result.search(q.query, { limit: 10 }),
      1,
    );
    const wall = latency(samples);
    report({ ...base, measure: "query", engine: baseline.name, samples: samples.length, ...wall });
    report({
      ...base,
      measure: "speedup",
      note: `${baseline.name} wall-clock latency divided by talkbot's`,
      p50_ratio: Number((wall.p50_ms / oursLatency.p50_ms).toFixed(1)),
      p99_ratio: Number((wall.p99_ms / oursLatency.p99_ms).toFixed(1)),
      loadavg_1m: Number(os.loadavg()[0]?.toFixed(2)),
    });
  }
}

/** hit@1, recall@5, precision@5 and the negatives of every engine on a labelled set over one catalog. */
function benchRelevance(
  report: Report,
  name: string,
  catalog: Catalog,
  set: LabelledQuery[],
): void {
  const ours = createSearch(catalog);
  const scores: Record<string, ReturnType<typeof scoreRelevance>> = {
    talkbot: scoreRelevance(set, (q, now) =>
      ours.search(q, { now, limit: 5 }).hits.map((h) => h.talk.id),
    ),
  };
  for (const baseline of BASELINES) {
    const fuse = baseline.build(catalog);
    scores[baseline.name] = scoreRelevance(set, (q) =>
      fuse.search(q, { limit: 5 }).map((r) => String(r.item.id)),
    );
  }
  for (const [engine, s] of Object.entries(scores)) {
    report({
      catalog: name,
      measure: "relevance",
      engine,
      queries: s.queries,
      hit_at_1: Number(s.hitAt1.toFixed(3)),
      recall_at_5: Number(s.recallAt5.toFixed(3)),
      precision_at_5: Number(s.precisionAt5.toFixed(3)),
      must_be_empty_empty: Number(s.emptyShare.toFixed(3)),
      negatives_clean: Number(s.negativesClean.toFixed(3)),
    });
  }
}

async function relevance(report: Report): Promise<void> {
  if (existsSync(SEED_CATALOG)) {
    benchRelevance(report, "seed", loadCatalogFile(SEED_CATALOG), loadLabelledQueries());
  } else report({ catalog: "seed", measure: "relevance", skipped: `${SEED_CATALOG} not found` });
  if (existsSync(FOSDEM)) {
    const { catalog } = await importFiles([FOSDEM]);
    benchRelevance(report, "fosdem-2026", catalog, loadLabelledQueries(FOSDEM_QUERIES));
  } else report({ catalog: "fosdem-2026", measure: "relevance", skipped: `${FOSDEM} not found` });
}

export async function run(report: Report): Promise<void> {
  await relevance(report);
  for (const target of targets) await benchCatalog(target, report);
}
