/**
 * One app under load, in a process of its own so the load generator does not
 * share its event loop: `node --import tsx bench/lib/http-target.ts talkbot|bare`.
 *
 * - `talkbot`: the real app as src/main.ts builds it (loadConfig, the catalog
 *   store, createSearch, createSlackApp) in HTTP mode on an ephemeral port.
 * - `bare`: a Bolt app with the same credentials whose `/talk` only acks.
 *
 * Both talk to the fake Slack whose Web API URL arrives in SLACK_API_URL. The
 * parent talks over IPC: this process sends `{ ready, port }`, answers
 * `"memory"` with `{ memory }` and `"cpu"` with `{ cpu }` (its CPU time so far), and exits cleanly on `"stop"` (so `--cpu-prof`
 * gets to write its profile).
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App } from "@slack/bolt";
import { createCatalogStore } from "../../src/catalog/catalog-store.ts";
import { type Clock, simulatedClock, systemClock } from "../../src/clock.ts";
import { loadConfig } from "../../src/config.ts";
import { createSearch } from "../../src/search/create-search.ts";
import { createSlackApp } from "../../src/slack/app.ts";
import { consoleLogger } from "../../src/slack/console-logger.ts";

export type TargetKind = "talkbot" | "bare";

export type TargetMessage =
  | { ready: true; port: number; talks: number }
  | { memory: NodeJS.MemoryUsage }
  | { cpu: NodeJS.CpuUsage }
  | { failed: string };

interface Running {
  port: number;
  talks: number;
  stop(): Promise<void>;
}

async function startTalkbot(): Promise<Running> {
  const config = loadConfig(process.env);
  if (config.slack?.mode !== "http") throw new Error("talkbot target needs HTTP-mode settings");
  const logger = consoleLogger(config.logLevel);
  const clock: Clock = config.now ? simulatedClock(config.now, config.speed) : systemClock;
  const catalog = createCatalogStore({ file: config.catalogPath, logger });
  let search = createSearch(catalog.get());
  catalog.subscribe((next) => {
    search = createSearch(next);
  });
  const slack = await createSlackApp({
    config: config.slack,
    getSearch: () => search,
    getCatalog: () => catalog.get(),
    clock,
    logger,
  });
  const { port } = await slack.start();
  if (port === undefined) throw new Error("talkbot did not report its port");
  return {
    port,
    talks: catalog.get().talks.length,
    async stop() {
      await slack.stop();
      catalog.close();
    },
  };
}

async function startBare(): Promise<Running> {
  const env = process.env;
  const app = new App({
    signingSecret: env.SLACK_SIGNING_SECRET ?? "",
    token: env.SLACK_BOT_TOKEN ?? "",
    botId: env.BENCH_BOT_ID ?? "B0TALKBOT",
    botUserId: env.BENCH_BOT_USER_ID ?? "U0TALKBOT",
    clientOptions: { slackApiUrl: env.SLACK_API_URL ?? "" },
  });
  app.command("/talk", async ({ ack }) => {
    await ack();
  });
  const server = (await app.start(0)) as Server;
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
  if (kind !== "talkbot" && kind !== "bare") throw new Error(`unknown target ${kind}`);
  const running = kind === "talkbot" ? await startTalkbot() : await startBare();
  process.on("message", (message) => {
    if (message === "memory") send({ memory: process.memoryUsage() });
    if (message === "cpu") send({ cpu: process.cpuUsage() });
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
