/**
 * `/talk` end to end over HTTP: signed slash commands to the real talkbot app
 * (seed catalog, real search, Block Kit answer in the ack) and, in the same run,
 * to two bare Bolt apps whose `/talk` only acks (one with Bolt's default options,
 * the goal's baseline; one with talkbot's Bolt options), all in HTTP mode on
 * loopback against a fake Slack Web API. Each app runs in a child process of its
 * own; this process is the load generator.
 *
 * At each concurrency level (closed-loop clients) the apps are measured in turn,
 * each taking each place in the order over the repetitions, so background load
 * hits all alike; each run has a warm-up on the same connections, then REQUESTS timed
 * requests or TIME_CAP_MS, whichever comes first. The reported figures are the
 * median over the repetitions of each run's percentiles.
 *
 * The generator runs on the same cores as the apps, so it does the same work in
 * the timed loop whichever app it measures: each run's requests are built and
 * signed before it starts, and answers are checked after it ends.
 *
 * Knobs: BENCH_HTTP_REQUESTS (default 2000), BENCH_HTTP_REPEATS (7),
 * BENCH_HTTP_CPU_PROF=<dir> (write a V8 CPU profile of each app there),
 * BENCH_HTTP_SEARCH_CACHE=0 (talkbot without its search cache),
 * BENCH_HTTP_STAR_PEOPLE (10000: people who starred 5 talks each and who ask;
 * talkbot shows each asker's ★ from memory).
 */
import type { Agent } from "node:http";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { loadCatalogFile } from "../src/catalog/load.ts";
import { normalizeQuery, type SearchCacheStats } from "../src/search/cached-search.ts";
import { FakeSlack } from "../test/e2e/fake-slack.ts";
import { slashCommand } from "../test/e2e/slack-request.ts";
import type { TargetKind } from "./lib/http-target.ts";
import { closedLoop, keepAliveAgent, type RunResult } from "./lib/load-client.ts";
import type { Report } from "./lib/report.ts";
import { mb, median, ms, percentile, ratio } from "./lib/stats.ts";
import {
  ask,
  childEnv,
  conferenceNow,
  signedRequests,
  startTarget,
  stopTarget,
  type Target,
} from "./lib/target-process.ts";
import { queryMix } from "./query-mix.ts";

const SEED_CATALOG = fileURLToPath(new URL("../data/catalog.json", import.meta.url));
const LEVELS = [1, 32];
const REQUESTS = Number(process.env.BENCH_HTTP_REQUESTS ?? 2_000);
const REPEATS = Number(process.env.BENCH_HTTP_REPEATS ?? 7);
/** People with stars in the talkbot app (5 each), and who ask; the 10,000 × 50,000. */
const STAR_PEOPLE = Math.max(1, Number(process.env.BENCH_HTTP_STAR_PEOPLE ?? 10_000));
const WARMUP_REQUESTS = 300;
/** Once per app before the first run: JIT, lazy indexes, connection setup. */
const INITIAL_WARMUP_REQUESTS = 1_500;
const TIME_CAP_MS = 15_000;
const QUERIES = 500;
const GOAL_P99_RATIO = 1.3;
const KINDS: readonly TargetKind[] = ["talkbot", "bare", "bare-configured"];

interface RunFigures {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  rps: number;
  errors: number;
  completed: number;
  capped: boolean;
  bytesPerResponse: number;
  /** CPU time (user + system) the app process spent per timed request, µs. */
  serverCpuUs: number;
  /** Of which in the kernel (system time): the socket's work, µs per timed request. */
  serverSystemUs: number;
  /** Share of the timed run's searches answered from the search cache (null: no cache). */
  cacheHitRate: number | null;
  firstError: string | null;
}

function hitRate(before: SearchCacheStats | null, after: SearchCacheStats | null): number | null {
  if (!before || !after) return null;
  const hits = after.hits - before.hits;
  const asked = hits + after.misses - before.misses;
  return asked > 0 ? hits / asked : null;
}

function figures(
  result: RunResult,
  serverCpu: NodeJS.CpuUsage | null,
  cacheHitRate: number | null,
): RunFigures {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    rps: (result.latencies.length / result.wallMs) * 1000,
    errors: result.errors,
    completed: result.latencies.length,
    capped: result.capped,
    bytesPerResponse: result.bytes / Math.max(1, result.latencies.length),
    serverCpuUs: serverCpu
      ? (serverCpu.user + serverCpu.system) / Math.max(1, result.latencies.length)
      : Number.NaN,
    serverSystemUs: serverCpu
      ? serverCpu.system / Math.max(1, result.latencies.length)
      : Number.NaN,
    cacheHitRate,
    firstError: result.firstError,
  };
}

/**
 * What a correct answer looks like: talkbot's ack carries Block Kit, and not the
 * apology its listener sends when the search or the rendering threw; the bare
 * app's ack is empty.
 */
function validator(kind: TargetKind): (body: Buffer) => string | null {
  if (kind !== "talkbot") return () => null;
  return (body) => {
    const text = body.toString("utf8");
    if (text.includes("something went wrong on my side")) {
      return `talkbot answered with its apology: ${text.slice(0, 300)}`;
    }
    return text.includes('"blocks":[{')
      ? null
      : `talkbot answered without blocks: ${text.slice(0, 300)}`;
  };
}

async function measure(
  target: Target,
  concurrency: number,
  bodies: Buffer[],
  offset: number,
): Promise<RunFigures> {
  const agent: Agent = keepAliveAgent(concurrency);
  const common = {
    port: target.port,
    path: "/slack/events",
    concurrency,
    timeCapMs: TIME_CAP_MS,
    agent,
  };
  try {
    await closedLoop({
      ...common,
      requests: signedRequests(bodies, offset + 7_919, WARMUP_REQUESTS),
    });
    const requests = signedRequests(bodies, offset, REQUESTS);
    const cacheBefore = await ask(target, "searchCache");
    const cpuBefore = await ask(target, "cpu");
    const result = await closedLoop({
      ...common,
      requests,
      validate: validator(target.kind),
    });
    const cpuAfter = await ask(target, "cpu");
    const cacheAfter = await ask(target, "searchCache");
    const cpu =
      cpuBefore && cpuAfter
        ? { user: cpuAfter.user - cpuBefore.user, system: cpuAfter.system - cpuBefore.system }
        : null;
    return figures(result, cpu, hitRate(cacheBefore, cacheAfter));
  } finally {
    agent.destroy();
  }
}

/** Median over the runs of the timed searches answered from the cache; null without a cache. */
function cacheHitRate(list: RunFigures[]): number | null {
  const rates = list.flatMap((r) => (r.cacheHitRate === null ? [] : [r.cacheHitRate]));
  return rates.length > 0 ? Number(median(rates).toFixed(3)) : null;
}

export async function run(report: Report): Promise<void> {
  const catalog = loadCatalogFile(SEED_CATALOG);
  const mix = queryMix(catalog, QUERIES);
  const fake = await FakeSlack.start();
  const responseUrl = fake.responseUrl("bench");
  const bodies = mix.map((q, i) =>
    Buffer.from(
      slashCommand({
        text: q.query,
        response_url: responseUrl,
        trigger_id: `bench.${i}`,
        // Many people asking: each answer shows the asker's own stars (from memory).
        user_id: `U${String(i % STAR_PEOPLE).padStart(6, "0")}`,
      }),
    ),
  );
  // As the search cache tells queries apart: case and spacing aside.
  const distinctQueries = new Set(mix.map((q) => normalizeQuery(q.query))).size;
  const env = childEnv({
    apiUrl: fake.apiUrl,
    now: conferenceNow(catalog.talks.map((t) => t.start)),
    catalog: SEED_CATALOG,
  });

  const targets = new Map<TargetKind, Target>();
  try {
    for (const kind of KINDS) targets.set(kind, await startTarget(kind, env));
    for (const target of targets.values()) {
      await closedLoop({
        port: target.port,
        path: "/slack/events",
        concurrency: 8,
        timeCapMs: TIME_CAP_MS,
        requests: signedRequests(bodies, 0, INITIAL_WARMUP_REQUESTS),
        validate: validator(target.kind),
      });
    }

    const runs = new Map<string, RunFigures[]>();
    for (let rep = 0; rep < REPEATS; rep++) {
      for (const [li, concurrency] of LEVELS.entries()) {
        // Each app takes each place in the order in turn, forwards and backwards.
        const shift = (rep + li) % KINDS.length;
        const order = [...KINDS.slice(shift), ...KINDS.slice(0, shift)];
        if (rep % 2 === 1) order.reverse();
        const offset = (rep * 131) % bodies.length;
        for (const kind of order) {
          const target = targets.get(kind) as Target;
          const key = `${kind}@${concurrency}`;
          runs.set(key, [
            ...(runs.get(key) ?? []),
            await measure(target, concurrency, bodies, offset),
          ]);
        }
      }
    }

    const memory = new Map<TargetKind, NodeJS.MemoryUsage | null>();
    for (const [kind, target] of targets) memory.set(kind, await ask(target, "memory"));

    for (const concurrency of LEVELS) {
      const summary = new Map<TargetKind, { p50: number; p99: number; cpu: number }>();
      for (const kind of KINDS) {
        const list = runs.get(`${kind}@${concurrency}`) ?? [];
        const pick = (f: (r: RunFigures) => number) => median(list.map(f));
        const p50 = pick((r) => r.p50);
        const p99 = pick((r) => r.p99);
        summary.set(kind, { p50, p99, cpu: pick((r) => r.serverCpuUs) });
        const firstError = list.find((r) => r.firstError)?.firstError ?? null;
        report({
          app: kind,
          catalog: kind === "talkbot" ? "seed" : null,
          talks: targets.get(kind)?.talks ?? null,
          concurrency,
          runs: list.length,
          requests_per_run: REQUESTS,
          p50_ms: ms(p50),
          p90_ms: ms(pick((r) => r.p90)),
          p99_ms: ms(p99),
          max_ms: ms(pick((r) => r.max)),
          throughput_rps: Math.round(pick((r) => r.rps)),
          errors: list.reduce((s, r) => s + r.errors, 0),
          p99_runs_ms: list.map((r) => ms(r.p99)).join(" "),
          capped_runs: list.filter((r) => r.capped).length,
          response_bytes: Math.round(pick((r) => r.bytesPerResponse)),
          server_cpu_us_per_req: Math.round(pick((r) => r.serverCpuUs)),
          server_system_cpu_us_per_req: Math.round(pick((r) => r.serverSystemUs)),
          ...(kind === "talkbot"
            ? {
                queries_in_mix: mix.length,
                distinct_queries: distinctQueries,
                search_cache_hit_rate: cacheHitRate(list),
              }
            : {}),
          server_rss_mb: mb(memory.get(kind)?.rss ?? Number.NaN),
          server_heap_used_mb: mb(memory.get(kind)?.heapUsed ?? Number.NaN),
          ...(firstError ? { first_error: firstError } : {}),
        });
      }
      const ours = summary.get("talkbot");
      for (const baseline of ["bare", "bare-configured"] as const) {
        const base = summary.get(baseline);
        if (!ours || !base) continue;
        const p99Ratio = ratio(ours.p99, base.p99);
        // The goal is set against Bolt as it comes; the configured app shows
        // what talkbot's own listeners and answers cost on top of its Bolt setup.
        const goal = baseline === "bare" && concurrency > 1;
        report({
          measure: "ratio",
          baseline,
          note:
            baseline === "bare"
              ? "talkbot / bare Bolt app with Bolt's default options (medians of the runs)"
              : "talkbot / bare Bolt app with talkbot's Bolt options (medians of the runs)",
          concurrency,
          p50_ratio: ratio(ours.p50, base.p50),
          p99_ratio: p99Ratio,
          cpu_per_request_ratio: ratio(ours.cpu, base.cpu),
          ...(goal ? { goal_p99_ratio: GOAL_P99_RATIO, goal_met: p99Ratio <= GOAL_P99_RATIO } : {}),
          loadavg_1m: Number(os.loadavg()[0]?.toFixed(2)),
        });
      }
    }
  } finally {
    for (const target of targets.values()) await stopTarget(target);
    await fake.close();
  }
}
