/**
 * One catalog size in a fresh process, so sizes do not pollute each other:
 * `node --expose-gc --import tsx bench/lib/memory-probe.ts <catalog.json> [builds] [--xml <file>]`
 *
 * The process imports what the running bot imports (the Slack app, the catalog
 * store, the search), measures its resident memory with no catalog, then loads
 * the catalog the way src/main.ts does (openCatalogStore: read, parse, validate,
 * keep) and builds its snapshot as main does (snapshotOf: lookups, cached search), answers a few
 * queries so lazily built parts and cached answers exist, and measures again; dropping the index and measuring once more splits
 * the heap between catalog and index. Then it times `builds` more loads and index builds.
 * With `--xml`, it also times importing that schedule export. It prints one JSON
 * object (ProbeResult) on stdout.
 */

import { openCatalogStore } from "../../src/catalog/catalog-store.ts";
import { importFiles } from "../../src/catalog/import/import-files.ts";
import type { Catalog } from "../../src/catalog/schema.ts";
import { type Snapshot, snapshotOf } from "../../src/snapshot.ts";
// Loaded for its weight: the running bot has Bolt and the listeners in memory too.
import "../../src/slack/app.ts";
import { queryMix } from "../query-mix.ts";
import { median } from "./stats.ts";

export interface ProbeResult {
  talks: number;
  baseline: { rss: number; heapUsed: number };
  /** The same process once the search index is dropped again: the catalog alone. */
  catalogOnly: { heapUsed: number };
  loaded: { rss: number; heapUsed: number; external: number };
  /** Peak resident set while loading and indexing (bytes). */
  peakRss: number;
  firstLoadMs: number;
  firstIndexMs: number;
  loadMs: number;
  indexMs: number;
  builds: number;
  xmlImportMs: number | null;
}

const quiet = { info: () => {}, warn: () => {} };

/** What the measurement must not let the collector take. */
const kept: unknown[] = [];

function settle(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc");
  gc();
  gc();
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

async function timedAsync<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

/** The catalog store main opens, publishing the bare catalog: its snapshot is timed apart. */
const openStore = (file: string) =>
  openCatalogStore({ file, logger: quiet, build: (c: Catalog) => c, watch: null, signals: null });

async function main(args: string[]): Promise<ProbeResult> {
  const [file, buildsArg] = args;
  if (!file) throw new Error("usage: memory-probe.ts <catalog.json> [builds] [--xml <file>]");
  const builds = Number(buildsArg ?? 5);
  const xmlAt = args.indexOf("--xml");
  const xml = xmlAt >= 0 ? args[xmlAt + 1] : undefined;

  settle();
  const before = process.memoryUsage();

  const load = await timedAsync(() => openStore(file));
  const store = load.value;
  const index = timed(() => snapshotOf(store.current()));
  let snapshot: Snapshot | undefined = index.value;
  kept.push(store, snapshot);
  for (const q of queryMix(store.current(), 50)) {
    snapshot.search.search(q.query, { now: q.now, limit: 5 });
  }
  settle();
  const after = process.memoryUsage();
  const peakRss = process.resourceUsage().maxRSS * 1024;
  // Without the index (and the answers cached with it), what stays is the catalog.
  kept.length = 0;
  snapshot = undefined;
  index.value = undefined as unknown as Snapshot;
  settle();
  const catalogOnly = process.memoryUsage();

  const loadTimes: number[] = [];
  const indexTimes: number[] = [];
  for (let i = 0; i < builds; i++) {
    const again = await timedAsync(() => openStore(file));
    loadTimes.push(again.ms);
    indexTimes.push(timed(() => snapshotOf(again.value.current())).ms);
    again.value.close();
  }

  let xmlImportMs: number | null = null;
  if (xml) {
    const times: number[] = [];
    for (let i = 0; i < Math.max(1, Math.min(builds, 3)); i++) {
      const start = performance.now();
      await importFiles([xml]);
      times.push(performance.now() - start);
    }
    xmlImportMs = median(times);
  }

  const result: ProbeResult = {
    talks: store.current().talks.length,
    baseline: { rss: before.rss, heapUsed: before.heapUsed },
    catalogOnly: { heapUsed: catalogOnly.heapUsed },
    loaded: { rss: after.rss, heapUsed: after.heapUsed, external: after.external },
    peakRss,
    firstLoadMs: load.ms,
    firstIndexMs: index.ms,
    loadMs: median(loadTimes),
    indexMs: median(indexTimes),
    builds,
    xmlImportMs,
  };
  store.close();
  return result;
}

main(process.argv.slice(2)).then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
