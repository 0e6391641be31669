/**
 * `/talk` while a large catalog reloads (issue 12: a 50,000-talk catalog held
 * every /talk for seconds). The real app runs in HTTP mode in a child process
 * (bench/lib/http-target.ts) on a generated catalog of BENCH_RELOAD_TALKS talks
 * (default 50,000); this process sends it signed /talk requests in a closed loop
 * (BENCH_RELOAD_CONCURRENCY clients, default 4), first with nothing else going
 * on, then while the app reloads its catalog back to back (the file swapped
 * between two versions that differ in one title, so each reload is a real one).
 * Requests in flight while a reload ran count as "during".
 *
 * Four apps in turn: talkbot as it is (the file read, parsed and validated in a
 * worker thread, the snapshot built in slices of the event loop), and the same
 * app reloading as it did before, all on the main thread
 * (BENCH_RELOAD_ON_MAIN_THREAD=1); then both following the file as a live
 * schedule (TALKBOT_SCHEDULE_URL: each reload a poll that finds a new release,
 * imported, validated and diffed against the one in force in the poller's
 * worker, or on the main thread). Issue 15 asks for a /talk p99 under 300 ms
 * during any reload; Slack gives up on an ack after 3 s.
 *
 * Knobs: BENCH_RELOAD_TALKS, BENCH_RELOAD_CONCURRENCY, BENCH_RELOAD_MS (how long
 * reloads run back to back, default 30,000), BENCH_RELOAD_MODES (worker,main-thread).
 */
import { mkdtempSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { FakeSlack } from "../test/e2e/fake-slack.ts";
import { slashCommand } from "../test/e2e/slack-request.ts";
import { generateCatalog } from "./generate-catalog.ts";
import { closedLoop, keepAliveAgent, type RunResult } from "./lib/load-client.ts";
import type { Report } from "./lib/report.ts";
import { median, ms, percentile } from "./lib/stats.ts";
import {
  childEnv,
  conferenceNow,
  signedRequests,
  startTarget,
  stopTarget,
  type Target,
} from "./lib/target-process.ts";
import { queryMix } from "./query-mix.ts";

const TALKS = Number(process.env.BENCH_RELOAD_TALKS ?? 50_000);
const CONCURRENCY = Number(process.env.BENCH_RELOAD_CONCURRENCY ?? 4);
const RELOADING_MS = Number(process.env.BENCH_RELOAD_MS ?? 30_000);
const BASELINE_MS = 8_000;
const WARMUP_REQUESTS = 2_000;
/** More than a run can send: runs end on their time cap. */
const REQUESTS_PER_RUN = 60_000;
const GOAL_P99_MS = 300;
const SLACK_ACK_MS = 3_000;

type Mode = "worker" | "main-thread" | "schedule" | "schedule-main-thread";
const MODES = (
  process.env.BENCH_RELOAD_MODES ?? "worker,main-thread,schedule,schedule-main-thread"
).split(",") as Mode[];

interface Span {
  start: number;
  end: number;
}

/** Latencies of the requests that were in flight while any of `spans` ran. */
function overlapping(result: RunResult, spans: readonly Span[]): number[] {
  const out: number[] = [];
  result.latencies.forEach((latency, i) => {
    const sent = result.sentAt[i] as number;
    if (spans.some((s) => sent < s.end && sent + latency > s.start)) out.push(latency);
  });
  return out;
}

function summary(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    overAck: sorted.filter((l) => l > SLACK_ACK_MS).length,
  };
}

/** Asks the app to reload its catalog file; resolves when it has, with how long that took there. */
function reload(target: Target): Promise<{ ok: boolean; ms: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no reload within 5 minutes")), 300_000);
    const onMessage = (message: unknown) => {
      if (typeof message !== "object" || message === null || !("reloaded" in message)) return;
      clearTimeout(timer);
      target.child.off("message", onMessage);
      resolve((message as { reloaded: { ok: boolean; ms: number } }).reloaded);
    };
    target.child.on("message", onMessage);
    target.child.send("reload");
  });
}

export async function run(report: Report): Promise<void> {
  const dir = mkdtempSync(join(os.tmpdir(), "talkbot-bench-reload-"));
  const catalog = generateCatalog({ talks: TALKS });
  // Two versions of the file, and a link the app reads that is pointed at one
  // or the other in one step: nothing written while requests are timed.
  const versions = [join(dir, "a.json"), join(dir, "b.json")];
  writeFileSync(versions[0] as string, JSON.stringify(catalog));
  const renamed = catalog.talks.find((t) => t.format !== "break");
  if (renamed) renamed.title = `${renamed.title} (moved)`;
  writeFileSync(versions[1] as string, JSON.stringify(catalog));
  const link = join(dir, "catalog.json");
  const pointAt = (version: number) => {
    const tmp = join(dir, `link-${version}`);
    rmSync(tmp, { force: true });
    symlinkSync(versions[version] as string, tmp);
    renameSync(tmp, link);
  };
  pointAt(0);
  const fileMb = statSync(versions[0] as string).size / 1024 / 1024;

  const fake = await FakeSlack.start();
  const responseUrl = fake.responseUrl("bench");
  const bodies = queryMix(catalog, 500).map((q, i) =>
    Buffer.from(slashCommand({ text: q.query, response_url: responseUrl, trigger_id: `r.${i}` })),
  );
  const now = conferenceNow(catalog.talks.map((t) => t.start));
  try {
    for (const mode of MODES) {
      pointAt(0);
      const startedAt = performance.now();
      const target = await startTarget(
        "talkbot",
        childEnv({
          apiUrl: fake.apiUrl,
          now,
          catalog: link,
          extra: {
            ...(mode.endsWith("main-thread") ? { BENCH_RELOAD_ON_MAIN_THREAD: "1" } : {}),
            // The live schedule's path: the file is the export the poller follows.
            ...(mode.startsWith("schedule") ? { TALKBOT_SCHEDULE_URL: link } : {}),
          },
        }),
      );
      const startMs = performance.now() - startedAt;
      const agent = keepAliveAgent(CONCURRENCY);
      const loop = (timeCapMs: number, offset: number, count = REQUESTS_PER_RUN) =>
        closedLoop({
          port: target.port,
          path: "/slack/events",
          concurrency: CONCURRENCY,
          timeCapMs,
          agent,
          requests: signedRequests(bodies, offset, count),
        });
      try {
        await loop(60_000, 0, WARMUP_REQUESTS);
        const quiet = await loop(BASELINE_MS, 11);

        const spans: Span[] = [];
        const reloadMs: number[] = [];
        let reloading = true;
        const reloads = (async () => {
          const until = performance.now() + RELOADING_MS;
          let version = 0;
          // At least two, so the first (the worker's start included) is not all there is.
          while (performance.now() < until || spans.length < 2) {
            version = 1 - version;
            pointAt(version);
            const start = performance.now();
            const { ok } = await reload(target);
            if (!ok) throw new Error("the app did not take the new catalog");
            spans.push({ start, end: performance.now() });
            reloadMs.push(performance.now() - start);
          }
          reloading = false;
        })();
        // Requests keep coming until the last reload has finished.
        const during: RunResult[] = [];
        while (reloading) during.push(await loop(2_000, 23 + during.length * 997));
        await reloads;
        const inFlight = during.flatMap((r) => overlapping(r, spans));
        const errors = during.reduce((n, r) => n + r.errors, quiet.errors);
        const before = summary(quiet.latencies);
        const after = summary(inFlight);
        report({
          mode,
          talks: TALKS,
          file_mb: Number(fileMb.toFixed(1)),
          concurrency: CONCURRENCY,
          start_ms: Math.round(startMs),
          reloads: spans.length,
          reload_ms_median: Math.round(median(reloadMs)),
          quiet_requests: before.requests,
          quiet_p50_ms: ms(before.p50),
          quiet_p99_ms: ms(before.p99),
          during_requests: after.requests,
          during_p50_ms: ms(after.p50),
          during_p99_ms: ms(after.p99),
          during_max_ms: ms(after.max),
          acks_over_3s: after.overAck,
          errors,
          goal_p99_ms: GOAL_P99_MS,
          goal_met: after.p99 <= GOAL_P99_MS && after.overAck === 0,
          loadavg_1m: Number(os.loadavg()[0]?.toFixed(2)),
        });
      } finally {
        agent.destroy();
        await stopTarget(target);
      }
    }
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
