/**
 * The app processes the HTTP benchmarks measure (bench/lib/http-target.ts, one
 * process each, so the load generator does not share their event loop), and
 * the signed `/talk` requests they are sent.
 */
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SearchCacheStats } from "../../src/search/cached-search.ts";
import { sign } from "../../test/e2e/slack-request.ts";
import type { TargetKind, TargetMessage } from "./http-target.ts";
import { type PreparedRequest, withLength } from "./load-client.ts";

const TARGET_SCRIPT = fileURLToPath(new URL("./http-target.ts", import.meta.url));

/** The signing secret of every benchmark app. */
export const SECRET = "8f742231b10e8888abcd99b1b2b3b4b5";

export interface Target {
  kind: TargetKind;
  child: ChildProcess;
  port: number;
  talks: number;
}

/** The environment each app child gets: ours, minus anything that would pick another mode. */
export function childEnv(options: {
  apiUrl: string;
  now: string;
  catalog: string;
  extra?: NodeJS.ProcessEnv;
}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(SLACK_|TALKBOT_|PORT$|LOG_LEVEL$)/.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: options.apiUrl,
    PORT: "0",
    TALKBOT_CATALOG: options.catalog,
    TALKBOT_NOW: options.now,
    LOG_LEVEL: "info",
    ...options.extra,
  };
}

/** Starts one app; BENCH_HTTP_CPU_PROF=<dir> writes a V8 CPU profile of it there. */
export function startTarget(kind: TargetKind, env: NodeJS.ProcessEnv): Promise<Target> {
  const profileDir = process.env.BENCH_HTTP_CPU_PROF;
  const execArgv = [
    "--import",
    import.meta.resolve("tsx"),
    ...(profileDir
      ? // One directory per app: the module loader thread writes a profile of its own.
        ["--cpu-prof", `--cpu-prof-dir=${path.join(profileDir, kind)}`]
      : []),
  ];
  const child = fork(TARGET_SCRIPT, [kind], {
    env,
    execArgv,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  // Keep stdout for the JSON lines: whatever the apps print goes to stderr.
  child.stdout?.pipe(process.stderr);
  child.stderr?.pipe(process.stderr);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${kind} app did not start within 3 minutes`));
    }, 180_000);
    child.on("message", (message: TargetMessage) => {
      if ("ready" in message) {
        clearTimeout(timer);
        resolve({ kind, child, port: message.port, talks: message.talks });
      } else if ("failed" in message) {
        clearTimeout(timer);
        reject(new Error(`${kind} app failed to start: ${message.failed}`));
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} app exited with ${code} before it was ready`));
    });
  });
}

export interface Answers {
  memory: NodeJS.MemoryUsage;
  cpu: NodeJS.CpuUsage;
  searchCache: SearchCacheStats | null;
}

/** Asks an app process for its memory use, its CPU time so far or its search cache's counters. */
export function ask<K extends keyof Answers>(target: Target, what: K): Promise<Answers[K] | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      target.child.off("message", onMessage);
      resolve(null);
    }, 5_000);
    const onMessage = (message: TargetMessage) => {
      if (!(what in message)) return;
      clearTimeout(timer);
      target.child.off("message", onMessage);
      resolve((message as Partial<Answers>)[what] ?? null);
    };
    target.child.on("message", onMessage);
    target.child.send(what);
  });
}

export async function stopTarget(target: Target): Promise<void> {
  if (target.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => target.child.once("exit", () => resolve()));
  target.child.send("stop");
  const timer = setTimeout(() => target.child.kill(), 10_000);
  await exited;
  clearTimeout(timer);
}

let nextTrigger = 0;

/**
 * `count` signed `/talk` requests cycling through the query mix from `offset`,
 * signed now, before the run that sends them: signing is the generator's work,
 * not the app's, and Slack accepts a timestamp for five minutes (each run takes
 * seconds and gets requests of its own).
 */
export function signedRequests(bodies: Buffer[], offset: number, count: number): PreparedRequest[] {
  const timestamp = Math.floor(Date.now() / 1000);
  return Array.from({ length: count }, (_, i) => {
    // Slack gives every command its own trigger_id, so no two requests share a
    // signature; talkbot refuses a repeated one as a replay.
    const body = Buffer.from(
      (bodies[(offset + i) % bodies.length] as Buffer)
        .toString("utf8")
        .replace(/trigger_id=[^&]*/, `trigger_id=bench.${nextTrigger++}`),
    );
    return withLength({
      body,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": sign(SECRET, timestamp, body.toString("utf8")),
      },
    });
  });
}

/** When the mix's queries are asked: an hour and a half into the catalog's first talk. */
export function conferenceNow(starts: (string | null | undefined)[]): string {
  let first = Number.POSITIVE_INFINITY;
  for (const s of starts) if (s) first = Math.min(first, Date.parse(s));
  const at = Number.isFinite(first) ? first + 90 * 60_000 : Date.parse("2020-03-03T10:30:00Z");
  return new Date(at).toISOString();
}
