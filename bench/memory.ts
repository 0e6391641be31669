/**
 * Catalog load plus search index build time, and resident memory, at the seed
 * catalog, FOSDEM 2026 imported (883 talks) and 10,000 generated talks. Each
 * size is measured in fresh child processes (bench/lib/memory-probe.ts) that
 * load the catalog from a JSON file, as the bot does at start-up; the FOSDEM and
 * generated catalogs are written to a temporary directory first, the way
 * `npm run cli -- import` would. A fourth size, FOSDEM eleven times over, puts
 * real text at 10,000 talks, as the generated catalog's small vocabulary does not.
 *
 * Knobs: BENCH_MEMORY_PROBES (fresh processes per size, default 3; figures are
 * their medians), BENCH_MEMORY_BUILDS (timed loads and builds per process, 3).
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { importFiles } from "../src/catalog/import/import-files.ts";
import type { Catalog } from "../src/catalog/schema.ts";
import { generateCatalog } from "./generate-catalog.ts";
import type { ProbeResult } from "./lib/memory-probe.ts";
import type { Report } from "./lib/report.ts";
import { mb, median, ms } from "./lib/stats.ts";

const run_ = promisify(execFile);

const SEED_CATALOG = fileURLToPath(new URL("../data/catalog.json", import.meta.url));
const FOSDEM = fileURLToPath(
  new URL("../../shared/fixtures/frab/fosdem-2026.xml", import.meta.url),
);
const PROBE = fileURLToPath(new URL("./lib/memory-probe.ts", import.meta.url));

const PROBES = Number(process.env.BENCH_MEMORY_PROBES ?? 3);
const BUILDS = Number(process.env.BENCH_MEMORY_BUILDS ?? 3);
const GOAL_RSS_MB = 200;

interface Size {
  name: string;
  /** Writes the catalog JSON the probe loads, or returns an existing file. */
  prepare: (dir: string) => Promise<string>;
  xml?: string;
  goal?: boolean;
  /** Fewer processes and builds for the slow, large sizes. */
  probes?: number;
  builds?: number;
  note?: string;
}

async function writeCatalog(dir: string, name: string, catalog: Catalog): Promise<string> {
  const file = path.join(dir, `${name}.json`);
  await writeFile(file, `${JSON.stringify(catalog, null, 2)}\n`);
  return file;
}

const sizes: Size[] = [
  { name: "seed", prepare: async () => SEED_CATALOG },
  {
    name: "fosdem-2026",
    prepare: async (dir) => writeCatalog(dir, "fosdem-2026", await fosdem()),
    xml: FOSDEM,
  },
  {
    name: "generated-10k",
    prepare: async (dir) => writeCatalog(dir, "generated-10k", generateCatalog({ talks: 10_000 })),
    goal: true,
  },
  {
    // The generator draws on ~500 distinct words; real schedules have tens of
    // thousands (FOSDEM 2026: ~14,000) and long abstracts, and the index grows
    // with both. Eleven renamed copies of FOSDEM give 10,000 talks of real text.
    name: "fosdem-2026-x11",
    prepare: async (dir) => writeCatalog(dir, "fosdem-2026-x11", copies(await fosdem(), 11)),
    goal: true,
    probes: 1,
    builds: 1,
    note: "FOSDEM 2026 eleven times over (renamed ids): real abstracts at 10,000 talks",
  },
];

let fosdemCatalog: Catalog | undefined;
async function fosdem(): Promise<Catalog> {
  fosdemCatalog ??= (await importFiles([FOSDEM])).catalog;
  return fosdemCatalog;
}

/** `times` copies of a catalog side by side, every id suffixed so they stay distinct. */
function copies(catalog: Catalog, times: number): Catalog {
  const out: Catalog = { events: [], tracks: [], talks: [] };
  for (let i = 1; i <= times; i++) {
    const id = (s: string) => `${s}-copy${i}`;
    out.events.push(...catalog.events.map((e) => ({ ...e, id: id(e.id) })));
    out.tracks.push(...catalog.tracks.map((t) => ({ ...t, id: id(t.id), eventId: id(t.eventId) })));
    out.talks.push(
      ...catalog.talks.map((t) => ({
        ...t,
        id: id(t.id),
        eventId: id(t.eventId),
        trackId: t.trackId === null ? null : id(t.trackId),
      })),
    );
  }
  return out;
}

async function probe(file: string, builds: number, xml?: string): Promise<ProbeResult> {
  const args = [
    "--expose-gc",
    "--import",
    import.meta.resolve("tsx"),
    PROBE,
    file,
    String(builds),
    ...(xml ? ["--xml", xml] : []),
  ];
  const { stdout } = await run_(process.execPath, args, {
    timeout: 120_000,
    maxBuffer: 1 << 20,
  });
  const line = stdout.trim().split("\n").pop() ?? "";
  return JSON.parse(line) as ProbeResult;
}

export async function run(report: Report): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "talkbot-bench-memory-"));
  try {
    for (const size of sizes) {
      let file: string;
      try {
        file = await size.prepare(dir);
      } catch (err) {
        report({ catalog: size.name, skipped: (err as Error).message.split("\n")[0] ?? "failed" });
        continue;
      }
      const results: ProbeResult[] = [];
      const builds = Math.min(BUILDS, size.builds ?? BUILDS);
      for (let i = 0; i < Math.min(PROBES, size.probes ?? PROBES); i++) {
        results.push(await probe(file, builds, size.xml));
      }
      const pick = (f: (r: ProbeResult) => number) => median(results.map(f));
      const rss = pick((r) => r.loaded.rss);
      report({
        catalog: size.name,
        talks: results[0]?.talks ?? null,
        processes: results.length,
        baseline_rss_mb: mb(pick((r) => r.baseline.rss)),
        rss_mb: mb(rss),
        rss_delta_mb: mb(pick((r) => r.loaded.rss - r.baseline.rss)),
        peak_rss_mb: mb(pick((r) => r.peakRss)),
        baseline_heap_used_mb: mb(pick((r) => r.baseline.heapUsed)),
        heap_used_mb: mb(pick((r) => r.loaded.heapUsed)),
        heap_delta_mb: mb(pick((r) => r.loaded.heapUsed - r.baseline.heapUsed)),
        catalog_heap_mb: mb(pick((r) => r.catalogOnly.heapUsed - r.baseline.heapUsed)),
        index_heap_mb: mb(pick((r) => r.loaded.heapUsed - r.catalogOnly.heapUsed)),
        first_load_ms: ms(pick((r) => r.firstLoadMs)),
        first_index_ms: ms(pick((r) => r.firstIndexMs)),
        load_ms: ms(pick((r) => r.loadMs)),
        index_ms: ms(pick((r) => r.indexMs)),
        builds_per_process: builds,
        ...(size.xml ? { xml_import_ms: ms(pick((r) => r.xmlImportMs ?? Number.NaN)) } : {}),
        ...(size.note ? { note: size.note } : {}),
        ...(size.goal
          ? { goal_rss_mb: GOAL_RSS_MB, goal_met: rss / 1024 / 1024 < GOAL_RSS_MB }
          : {}),
      });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
