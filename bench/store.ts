/**
 * `npm run bench -- store`: what the store costs.
 * - claims per second on each engine: one delivery's claim → beginPost → settle,
 *   one after another and from 8 concurrent workers (SQLite with a real fsync per
 *   commit; PostgreSQL when TALKBOT_BENCH_DATABASE_URL or TALKBOT_TEST_DATABASE_URL
 *   names a server);
 * - start-up time and resident memory the embedded store adds to the production
 *   build, measured in fresh processes (goal: under 100 ms and under 40 MB).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openStore, type StoreLocation } from "../src/store/open-store.ts";
import type { Report } from "./lib/report.ts";
import { ms, percentile } from "./lib/stats.ts";

const SEQUENTIAL = 1_000;
const CONCURRENT = 2_000;
const WORKERS = 8;

async function claimsPerSecond(location: StoreLocation, report: Report, engine: string) {
  const store = await openStore(location);
  try {
    const latencies: number[] = [];
    let began = performance.now();
    for (let i = 0; i < SEQUENTIAL; i++) {
      const t = performance.now();
      const key = `bench:seq:${i}`;
      await store.claim(key, "bench", "h", 60_000);
      await store.beginPost(key, "h", 60_000);
      await store.settle(key, "h", { status: "posted", channel: "C1", ts: `${i}.1` }, new Date());
      latencies.push(performance.now() - t);
    }
    const seqSeconds = (performance.now() - began) / 1000;
    latencies.sort((a, b) => a - b);
    report({
      engine,
      case: "claim→post→settle, one at a time",
      deliveries: SEQUENTIAL,
      per_second: Math.round(SEQUENTIAL / seqSeconds),
      p50_ms: ms(percentile(latencies, 0.5)),
      p99_ms: ms(percentile(latencies, 0.99)),
    });

    // Eight racers for the same keys: every key is won once, the rest are refused.
    began = performance.now();
    let won = 0;
    await Promise.all(
      Array.from({ length: WORKERS }, async (_, w) => {
        for (let i = 0; i < CONCURRENT; i++) {
          const key = `bench:race:${(i + w * 97) % CONCURRENT}`;
          if (await store.claim(key, "bench", `h${w}`, 60_000)) won++;
        }
      }),
    );
    const seconds = (performance.now() - began) / 1000;
    report({
      engine,
      case: `claims from ${WORKERS} racers`,
      attempts: CONCURRENT * WORKERS,
      won,
      per_second: Math.round((CONCURRENT * WORKERS) / seconds),
    });
  } finally {
    await store.close();
  }
}

/** Runs `script` in a fresh node (ESM) five times; each prints {ms, rss}. */
function inFreshNode(script: string, args: string[], before?: () => void) {
  const runs: { ms: number; rss: number }[] = [];
  for (let i = 0; i < 5; i++) {
    before?.();
    const out = execFileSync(
      process.execPath,
      ["--expose-gc", ...args, "--input-type=module", "-e", script],
      { encoding: "utf8", cwd: join(import.meta.dirname, "..") },
    );
    runs.push(JSON.parse(out.trim().split("\n").pop() as string));
  }
  const times = runs.map((r) => r.ms).sort((a, b) => a - b);
  const rss = runs.map((r) => r.rss).sort((a, b) => a - b);
  return { ms: percentile(times, 0.5), rssMb: percentile(rss, 0.5) / 1024 / 1024 };
}

const measured = (body: string) => `
  const gc = () => { globalThis.gc(); globalThis.gc(); };
  gc();
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  ${body}
  const t1 = performance.now();
  gc();
  console.log(JSON.stringify({ ms: t1 - t0, rss: process.memoryUsage().rss - rss0 }));
`;

/**
 * What the embedded store adds to a start, in fresh processes with plain node, as
 * the production build runs it: the store bundled the way `npm run build` bundles
 * (Kysely inside, libsql a package), imported, then a new database opened,
 * migrated and queried once. For comparison, loading Kysely unbundled, as
 * `npm start` and a build that did not bundle it would.
 */
async function startupCost(report: Report) {
  // Inside the project, so the bundle's external packages resolve from node_modules.
  const cache = join(import.meta.dirname, "../node_modules/.cache");
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, "talkbot-bench-store-"));
  const out = join(dir, "build");
  const { bundle } = (await import(join(import.meta.dirname, "../scripts/build.mjs"))) as {
    bundle(entries: string[], outdir: string): Promise<void>;
  };
  await bundle(["src/store/open-store.ts"], out);
  const state = join(dir, "state");
  const production = inFreshNode(
    measured(`const { openStore } = await import(${JSON.stringify(join(out, "open-store.js"))});
      const store = await openStore({ engine: "sqlite", stateDir: ${JSON.stringify(state)} });
      await store.settledAmong(["k"]);`),
    [],
    () => rmSync(state, { recursive: true, force: true }),
  );
  const unbundled = inFreshNode(measured(`await import("kysely");`), []);
  rmSync(dir, { recursive: true, force: true });
  report({
    engine: "sqlite",
    case: "start-up added by the embedded store, production build (median of 5 fresh processes)",
    import_open_migrate_query_ms: ms(production.ms),
    rss_mb: Number(production.rssMb.toFixed(1)),
    kysely_unbundled_load_ms: ms(unbundled.ms),
    goal: "under 100 ms and 40 MB",
  });
}

export async function run(report: Report): Promise<void> {
  await startupCost(report);
  const dir = mkdtempSync(join(tmpdir(), "talkbot-bench-store-"));
  try {
    await claimsPerSecond({ engine: "sqlite", stateDir: dir }, report, "sqlite");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.TALKBOT_BENCH_DATABASE_URL || process.env.TALKBOT_TEST_DATABASE_URL;
  if (!url) {
    report({ engine: "postgres", skipped: "set TALKBOT_BENCH_DATABASE_URL to measure PostgreSQL" });
    return;
  }
  const name = `talkbot_bench_${process.pid}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await admin(`CREATE DATABASE ${name}`);
  try {
    const u = new URL(url);
    u.pathname = `/${name}`;
    await claimsPerSecond({ engine: "postgres", url: u.toString() }, report, "postgres");
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}
