/**
 * One app under load, in a process of its own so the load generator does not
 * share its event loop:
 * `node --import tsx bench/lib/http-target.ts talkbot|bare|bare-configured`.
 *
 * - `talkbot`: the real app as src/main.ts builds it (loadConfig, the catalog
 *   store and its snapshots, createSlackApp) in HTTP mode on an ephemeral port.
 * - `bare`: a Bolt app as Bolt comes (default options) whose `/talk` only acks.
 * - `bare-configured`: the same ack-only app, configured with talkbot's own
 *   Bolt options (`boltOptions`) and error handler.
 *
 * Both talk to the fake Slack whose Web API URL arrives in SLACK_API_URL. The
 * parent talks over IPC: this process sends `{ ready, port }`, answers
 * `"memory"` with `{ memory }`, `"cpu"` with `{ cpu }` (its CPU time so far),
 * `"searchCache"` with `{ searchCache }` (the search cache's counters, null
 * without one) and `"reload"` with `{ reloaded }` once talkbot has reloaded its
 * catalog file, and exits cleanly on `"stop"` (so `--cpu-prof` gets to write
 * its profile). BENCH_RELOAD_ON_MAIN_THREAD=1 reloads as talkbot did before
 * reloads left the event loop: read, validated and indexed on the main thread.
 * With TALKBOT_SCHEDULE_URL set, the catalog follows that schedule as in main
 * (a "reload" polls it now), and the same variable checks releases on the main thread.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App } from "@slack/bolt";
import { loadAgenda } from "../../src/agenda/agenda.ts";
import { calendarUrl, newCalendarToken } from "../../src/calendar/calendar-url.ts";
import { type CatalogStore, openCatalogStore } from "../../src/catalog/catalog-store.ts";
import { loadCatalogFile } from "../../src/catalog/load.ts";
import type { PublishedCatalog } from "../../src/catalog/published-catalog.ts";
import { clockFor } from "../../src/clock.ts";
import { loadConfig } from "../../src/config.ts";
import { consoleLogger } from "../../src/log.ts";
import { followSchedule } from "../../src/schedule/follow.ts";
import { inThisThread, workerChecker } from "../../src/schedule/release-checker.ts";
import type { CachedSearch, SearchCacheStats } from "../../src/search/cached-search.ts";
import { boltOptions, createSlackApp, slackRetryPolicy } from "../../src/slack/app.ts";
import { reportFailure } from "../../src/slack/listeners/report-failure.ts";
import {
  openSnapshots,
  publishedSnapshots,
  type Snapshot,
  snapshotOf,
} from "../../src/snapshot.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/store.ts";

export type TargetKind = "talkbot" | "bare" | "bare-configured";

export type TargetMessage =
  | { ready: true; port: number; talks: number }
  | { memory: NodeJS.MemoryUsage }
  | { cpu: NodeJS.CpuUsage }
  | { searchCache: SearchCacheStats | null }
  | { reloaded: { ok: boolean; ms: number } }
  | { failed: string };

interface Running {
  port: number;
  talks: number;
  /** The search cache's counters, when the app has one. */
  searchCache?: () => SearchCacheStats | null;
  /** Reloads the catalog file now, as SIGHUP would. */
  reload?: () => Promise<boolean>;
  stop(): Promise<void>;
}

async function startTalkbot(): Promise<Running> {
  const config = loadConfig(process.env);
  if (config.slack?.mode !== "http") throw new Error("talkbot target needs HTTP-mode settings");
  const logger = consoleLogger(config.logLevel);
  const clock = clockFor(config);
  // As src/main.ts does; BENCH_HTTP_SEARCH_CACHE=0 measures the search without its cache.
  const snapshot = process.env.BENCH_HTTP_SEARCH_CACHE === "0" ? { searchCacheEntries: 0 } : {};
  const onMainThread = process.env.BENCH_RELOAD_ON_MAIN_THREAD === "1";
  // With TALKBOT_SCHEDULE_URL, as main does: releases from the poller (its checker
  // a worker, or this thread for the baseline), nothing announced (no channel).
  const scheduleStore = config.schedule
    ? await openStore({ engine: "sqlite", memory: true })
    : null;
  const follower =
    config.schedule && scheduleStore
      ? followSchedule({
          sources: config.schedule.sources,
          intervalSeconds: 3600,
          checker: onMainThread ? inThisThread : workerChecker(),
          store: scheduleStore,
          clock,
          logger,
          settings: config.digest.settings,
          publish: async (c) => void (await published?.publish(c)),
          ports: {
            corrections: { post: async () => ({ channel: "", ts: "" }), find: async () => null },
            notices: { post: async () => ({ channel: "", ts: "" }), find: async () => null },
            dms: null,
          },
        })
      : null;
  let published: PublishedCatalog<Snapshot> | null = null;
  let catalog: CatalogStore<Snapshot>;
  if (follower) {
    published = await publishedSnapshots({
      first: await follower.first(),
      logger,
      snapshot,
      signals: null,
      reload: (reason) => follower.pollNow(reason),
    });
    catalog = published;
  } else if (onMainThread) {
    // How reloads ran before they left the event loop: read and built in one go.
    catalog = await openCatalogStore({
      file: config.catalogPath,
      logger,
      load: loadCatalogFile,
      build: (c) => snapshotOf(c, snapshot),
      watch: null,
    });
  } else {
    catalog = await openSnapshots({ file: config.catalogPath, logger, snapshot, watch: null });
  }
  follower?.start();
  // As main does: the agenda in memory over the store, here an in-memory SQLite
  // filled with BENCH_HTTP_STAR_PEOPLE people who starred 5 talks each.
  const store = await openStore({ engine: "sqlite", memory: true });
  const agenda = await seedAgenda(
    store,
    catalog.current().catalog.talks.map((t) => t.id),
  );
  const slack = await createSlackApp({
    config: config.slack,
    current: catalog.current,
    clock,
    logger,
    agenda,
    personal: {
      agenda,
      calendar: { publicUrl: null, store, newToken: newCalendarToken, feedUrl: calendarUrl },
      userForToken: (token) => store.userForToken(token),
    },
  });
  const { port } = await slack.start();
  if (port === undefined) throw new Error("talkbot did not report its port");
  return {
    port,
    talks: catalog.current().catalog.talks.length,
    searchCache: () => {
      const { search } = catalog.current();
      return "stats" in search ? (search as CachedSearch).stats() : null;
    },
    reload: () => catalog.reload("bench"),
    async stop() {
      await follower?.stop();
      await scheduleStore?.close();
      await slack.stop();
      agenda.stop();
      await store.close();
      catalog.close();
    },
  };
}

async function seedAgenda(store: Store, talkIds: string[]) {
  const people = Math.max(1, Number(process.env.BENCH_HTTP_STAR_PEOPLE ?? 10_000));
  const rows: [string, string][] = [];
  for (let p = 0; p < people; p++) {
    for (let k = 0; k < 5; k++) {
      rows.push([
        `U${String(p).padStart(6, "0")}`,
        talkIds[(p * 7 + k * 31) % talkIds.length] as string,
      ]);
    }
  }
  // Straight into the store, one after another as if each had clicked (about 2 s
  // for 50,000); then loaded as main loads it (about 0.2 s).
  for (const [user, talk] of rows) await store.setStar(user, talk, true);
  return loadAgenda({ store, logger: consoleLogger("warn"), pollMs: 0 });
}

/**
 * An app whose `/talk` only acks, in HTTP mode. Unconfigured, it is Bolt as it
 * comes: token and signing secret, plus the bot's identity (which only spares
 * Bolt one auth.test call at start-up) and the fake Slack's URL. Configured, it
 * gets talkbot's own Bolt options (`boltOptions`: logger, retry policy,
 * conversation store off, `/healthz`) and error handler, so that only the
 * listeners differ from talkbot's.
 */
async function startBare(configured: boolean): Promise<Running> {
  const config = loadConfig(process.env);
  if (config.slack?.mode !== "http") throw new Error("bare target needs HTTP-mode settings");
  const slackConfig = config.slack;
  const identity = { botId: "B0TALKBOT", userId: "U0TALKBOT" };
  const logger = consoleLogger(config.logLevel);
  const clientOptions = {
    retryConfig: slackRetryPolicy,
    ...(slackConfig.apiUrl ? { slackApiUrl: slackConfig.apiUrl } : {}),
  };
  const app = new App(
    configured
      ? boltOptions(slackConfig, identity, { logger, clientOptions, talkCount: () => 0 })
      : {
          token: slackConfig.botToken,
          signingSecret: slackConfig.signingSecret,
          botId: identity.botId,
          botUserId: identity.userId,
          ...(slackConfig.apiUrl ? { clientOptions: { slackApiUrl: slackConfig.apiUrl } } : {}),
        },
  );
  app.command("/talk", async ({ ack }) => {
    await ack();
  });
  if (configured) {
    app.error(async (error) => {
      reportFailure(logger, error, { listener: "bolt" });
    });
  }
  const server = (await app.start(slackConfig.port)) as Server;
  return {
    port: (server.address() as AddressInfo).port,
    talks: 0,
    async stop() {
      await app.stop();
    },
  };
}

function send(message: TargetMessage): void {
  process.send?.(message);
}

async function main(kind: string | undefined): Promise<void> {
  if (kind !== "talkbot" && kind !== "bare" && kind !== "bare-configured") {
    throw new Error(`unknown target ${kind}`);
  }
  const running =
    kind === "talkbot" ? await startTalkbot() : await startBare(kind === "bare-configured");
  process.on("message", (message) => {
    if (message === "memory") send({ memory: process.memoryUsage() });
    if (message === "cpu") send({ cpu: process.cpuUsage() });
    if (message === "searchCache") send({ searchCache: running.searchCache?.() ?? null });
    if (message === "reload") {
      const start = performance.now();
      void (running.reload?.() ?? Promise.resolve(false)).then((ok) =>
        send({ reloaded: { ok, ms: performance.now() - start } }),
      );
    }
    if (message === "stop") {
      running.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    }
  });
  // The parent went away without saying stop: do not linger.
  process.on("disconnect", () => process.exit(0));
  send({ ready: true, port: running.port, talks: running.talks });
}

main(process.argv[2]).catch((err: unknown) => {
  send({ failed: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  process.exit(1);
});
