/**
 * What a `/talk` costs inside Bolt, without sockets: each app's
 * `app.processEvent` is called directly with parsed slash-command bodies from
 * the query mix, the acknowledgement serialized as Bolt's HTTP receiver would
 * (`JSON.stringify`). Much steadier than the HTTP benchmark, so it shows where
 * talkbot's own microseconds go:
 *
 * - `bare`, `bare-configured`: ack-only `/talk`, with Bolt's default options and
 *   with talkbot's (`boltOptions`);
 * - `talkbot-talk-only`: talkbot's `/talk` listener as the only listener;
 * - `talkbot`: all of talkbot's listeners (`registerListeners`);
 * - `talkbot-unserialized`: the same, the answer not serialized.
 *
 * Apps are timed in turn, ROUNDS times, REQUESTS each; figures are medians.
 */
import { parse } from "node:querystring";
import { App, type AppOptions, type ReceiverEvent } from "@slack/bolt";
import { loadCatalogFile } from "../src/catalog/load.ts";
import { FixedClock } from "../src/clock.ts";
import type { Deps } from "../src/deps.ts";
import { consoleLogger } from "../src/log.ts";
import { boltOptions } from "../src/slack/app.ts";
import { talkCommandCallback } from "../src/slack/listeners/commands/talk.ts";
import { registerListeners } from "../src/slack/listeners/index.ts";
import { snapshotOf } from "../src/snapshot.ts";
import { slashCommand } from "../test/e2e/slack-request.ts";
import type { Report } from "./lib/report.ts";
import { median, ratio } from "./lib/stats.ts";
import { queryMix } from "./query-mix.ts";

const SEED_CATALOG = new URL("../data/catalog.json", import.meta.url).pathname;
const REQUESTS = Number(process.env.BENCH_BOLT_REQUESTS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_BOLT_ROUNDS ?? 9);
const SECRET = "8f742231b10e8888abcd99b1b2b3b4b5";

interface Subject {
  name: string;
  app: App;
  serialize: boolean;
}

export async function run(report: Report): Promise<void> {
  const catalog = loadCatalogFile(SEED_CATALOG);
  const snapshot = snapshotOf(catalog);
  const logger = consoleLogger("info");
  // An hour and a half into the seed conference, as the HTTP benchmark asks.
  const deps: Deps = {
    current: () => snapshot,
    clock: new FixedClock(new Date("2020-03-03T10:30:00Z")),
    logger,
  };
  const identity = { botId: "B0TALKBOT", userId: "U0TALKBOT" };
  const configured = (): AppOptions =>
    boltOptions(
      { mode: "http", botToken: "xoxb-bench", signingSecret: SECRET, port: 0, apiUrl: undefined },
      identity,
      { logger, clientOptions: {}, talkCount: () => catalog.talks.length },
    );
  const ackOnly = (options: AppOptions) => {
    const app = new App(options);
    app.command("/talk", async ({ ack }) => {
      await ack();
    });
    return app;
  };
  const talkbot = new App(configured());
  registerListeners(talkbot, deps);
  const talkOnly = new App(configured());
  talkOnly.command("/talk", talkCommandCallback(deps));
  const subjects: Subject[] = [
    {
      name: "bare",
      app: ackOnly({
        token: "xoxb-bench",
        signingSecret: SECRET,
        botId: identity.botId,
        botUserId: identity.userId,
      }),
      serialize: true,
    },
    { name: "bare-configured", app: ackOnly(configured()), serialize: true },
    { name: "talkbot-talk-only", app: talkOnly, serialize: true },
    { name: "talkbot", app: talkbot, serialize: true },
    { name: "talkbot-unserialized", app: talkbot, serialize: false },
  ];

  const bodies = queryMix(catalog, 500).map((q, i) =>
    parse(
      slashCommand({ text: q.query, response_url: "http://127.0.0.1:9/r", trigger_id: `b.${i}` }),
    ),
  );
  let answered = 0;
  const timeOne = async (subject: Subject, count: number): Promise<number> => {
    const before = process.cpuUsage();
    for (let i = 0; i < count; i++) {
      const event = {
        body: bodies[i % bodies.length] as Record<string, unknown>,
        ack: async (response?: unknown) => {
          if (subject.serialize && response) answered += JSON.stringify(response).length;
        },
      } as ReceiverEvent;
      await subject.app.processEvent(event);
    }
    const used = process.cpuUsage(before);
    return (used.user + used.system) / count;
  };

  for (const subject of subjects) await timeOne(subject, REQUESTS);
  const samples = new Map<string, number[]>();
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? subjects : [...subjects].reverse();
    for (const subject of order) {
      samples.set(subject.name, [
        ...(samples.get(subject.name) ?? []),
        await timeOne(subject, REQUESTS),
      ]);
    }
  }
  if (answered === 0) throw new Error("talkbot answered nothing: the benchmark is broken");

  const base = median(samples.get("bare-configured") ?? []);
  for (const subject of subjects) {
    const list = samples.get(subject.name) ?? [];
    report({
      app: subject.name,
      requests_per_round: REQUESTS,
      rounds: ROUNDS,
      cpu_us_per_request: Number(median(list).toFixed(1)),
      rounds_us: list.map((v) => v.toFixed(1)).join(" "),
      vs_bare_configured: ratio(median(list), base),
    });
  }
}
