/**
 * `npm run bench -- reminders`: a reminder storm. PEOPLE people starred talks in
 * one slot; each reminder is a DM (channel = the user id, deadline = the talk's
 * start), all due at once, sent through the real delivery engine, the Slack
 * delivery port and client (retries off, 429 thrown) and an in-memory SQLite
 * store, to the fake Slack on loopback with its rate limiter on: one message a
 * second per channel, and a workspace budget answering 429 with Retry-After.
 * Real clock, real sleeps.
 *
 * Scale: Slack does not publish its workspace figure for chat.postMessage
 * ("several hundred messages a minute"); take 300 a minute. The run compresses
 * time SCALE times (default 10): the fake allows 300 posts in any 60/SCALE s
 * (6 s: 50 a second on average, bursts of 300), and the talk starts 600/SCALE s
 * ahead (60 s: the default 10-minute reminder). Not compressed: Retry-After's
 * whole seconds (coarser here than at Slack's pace), the per-channel second, and
 * the engine's own timings (pacing, backoff, the 10 s post timeout).
 *
 * Two runs in one process, one after the other, each with a fresh fake Slack and
 * store: the engine as it ships (workspace gate on) and a baseline with the gate
 * off (every DM's queue posting on its own, as before the gate). Each run is
 * measured until everything is settled or the talk starts (plus 2 s), whichever
 * is first: after the start a reminder is no use.
 *
 * Knobs: BENCH_REMINDERS_PEOPLE (2000), BENCH_REMINDERS_SCALE (10),
 * BENCH_REMINDERS_IN_FLIGHT (the engine's default), BENCH_REMINDERS_WINDOW_S
 * (60: the budget's window at Slack's pace; 10 gives the fake a 1 s window of 50,
 * the same average with no burst, where Retry-After's whole seconds cost most).
 */
import { setTimeout as delay } from "node:timers/promises";
import { systemClock } from "../src/clock.ts";
import {
  createDeliveryEngine,
  DEFAULT_MAX_IN_FLIGHT,
  type Deliverable,
} from "../src/delivery/engine.ts";
import { holderId } from "../src/delivery/holder.ts";
import type { Logger } from "../src/log.ts";
import { ChannelDirectory } from "../src/slack/delivery/channels.ts";
import { createDeliveryClient } from "../src/slack/delivery/slack-client.ts";
import { type Rendered, slackPort } from "../src/slack/delivery/slack-port.ts";
import { escapeMrkdwn, slackDate } from "../src/slack/mrkdwn.ts";
import { openStore } from "../src/store/open-store.ts";
import { FakeSlack } from "../test/e2e/fake-slack.ts";
import type { Report } from "./lib/report.ts";
import { percentile, ratio } from "./lib/stats.ts";

const PEOPLE = Number(process.env.BENCH_REMINDERS_PEOPLE ?? 2_000);
const SCALE = Number(process.env.BENCH_REMINDERS_SCALE ?? 10);
const IN_FLIGHT = Number(process.env.BENCH_REMINDERS_IN_FLIGHT ?? DEFAULT_MAX_IN_FLIGHT);
/** Slack's workspace budget as assumed above, and the reminder's lead, at Slack's pace. */
const SLACK_PER_MINUTE = 300;
const SLACK_LEAD_S = 600;
const WINDOW_S = Number(process.env.BENCH_REMINDERS_WINDOW_S ?? 60);
const WINDOW_MS = (WINDOW_S * 1000) / SCALE;
const WINDOW_MAX = Math.round((SLACK_PER_MINUTE * WINDOW_S) / 60);
const LEAD_MS = (SLACK_LEAD_S * 1000) / SCALE;

/** The talks of the slot: five rooms, one start. */
const SLOT = [
  ["Evolution of Financial Exchange Architectures", "Fleming, 3rd flr."],
  ["Managing Systems in an Age of Dynamic Complexity", "Churchill, G flr."],
  ["Moving Fast at Scale", "Mountbatten, 6th flr."],
  ["Rust in Production", "Whittle, 3rd flr."],
  ["The Future of Kubernetes", "Rutherford, 4th flr."],
] as const;

interface Reminder extends Deliverable {
  title: string;
  room: string;
}

function renderReminder(r: Reminder): Rendered {
  const when = slackDate(r.deadline, "{time}", r.deadline.toISOString());
  const text = `Starting ${when}: ${escapeMrkdwn(r.title)} (${escapeMrkdwn(r.room)})`;
  return {
    text,
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `*${escapeMrkdwn(r.title)}*\n${escapeMrkdwn(r.room)} · ${when}`,
        },
      },
    ],
  };
}

/** Counts what the engine says instead of printing thousands of lines. */
function countingLogger(): Logger & { counts: Record<string, number> } {
  const counts: Record<string, number> = { debug: 0, info: 0, warn: 0, error: 0 };
  const at = (level: string) => () => {
    counts[level] = (counts[level] ?? 0) + 1;
  };
  return { counts, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

async function storm(gated: boolean, report: Report) {
  const fake = await FakeSlack.start({
    rateLimit: { perChannelMs: 1000, workspace: { max: WINDOW_MAX, windowMs: WINDOW_MS } },
  });
  const store = await openStore({ engine: "sqlite", memory: true });
  const logger = countingLogger();
  const client = createDeliveryClient({ botToken: "xoxb-bench", apiUrl: fake.apiUrl });
  const engine = createDeliveryEngine<Reminder>({
    store,
    port: slackPort(client, new ChannelDirectory(), renderReminder),
    clock: systemClock,
    logger,
    holder: holderId(),
    workspaceGate: gated,
    maxInFlight: IN_FLIGHT,
  });
  try {
    const dueAt = Date.now();
    const start = new Date(dueAt + LEAD_MS);
    for (let i = 0; i < PEOPLE; i++) {
      const [title, room] = SLOT[i % SLOT.length] as (typeof SLOT)[number];
      const user = `U${String(i).padStart(7, "0")}`;
      engine.enqueue({
        key: `reminder:${user}:slot-${i % SLOT.length}`,
        kind: "reminder",
        channel: user,
        deadline: start,
        title,
        room,
      });
    }
    const settled = await Promise.race([
      engine.idle().then(() => true),
      delay(LEAD_MS + 2_000, false, { ref: false }),
    ]);
    const finishedAt = Date.now();
    await engine.stop();

    const posts = fake.callsTo("chat.postMessage");
    const accepted = posts.filter((c) => c.status === 200 && c.response.ok === true);
    const arrivals = accepted.map((c) => c.at).sort((a, b) => a - b);
    const lags = arrivals.map((t) => t - dueAt);
    const byKey = new Map<string, number>();
    for (const list of fake.history.values()) {
      for (const m of list) {
        const key = (m.metadata as { event_payload?: { key?: string } })?.event_payload?.key ?? "";
        byKey.set(key, (byKey.get(key) ?? 0) + 1);
      }
    }
    const records = await store.deliveries("reminder");
    const status = (s: string) => records.filter((r) => r.status === s).length;
    const last = arrivals.at(-1);
    const measurement = {
      case: gated ? `workspace gate on (${IN_FLIGHT} in flight)` : "baseline: gate off",
      people: PEOPLE,
      workspace_budget: `${WINDOW_MAX} per ${WINDOW_MS / 1000} s (Slack's assumed ${SLACK_PER_MINUTE}/min, time ×${SCALE})`,
      lead_s: LEAD_MS / 1000,
      last_reminder_s: last === undefined ? null : Number(((last - dueAt) / 1000).toFixed(2)),
      all_settled_by_start: settled,
      run_s: Number(((finishedAt - dueAt) / 1000).toFixed(2)),
      arrived: accepted.length,
      before_start: arrivals.filter((t) => t < start.getTime()).length,
      recorded_posted: status("posted"),
      recorded_missed: status("missed"),
      recorded_failed: status("failed"),
      unsettled: PEOPLE - status("posted") - status("missed") - status("failed"),
      duplicates: [...byKey.values()].reduce((n, c) => n + Math.max(0, c - 1), 0),
      http_429: posts.filter((c) => c.status === 429).length,
      post_requests: posts.length,
      p50_lag_ms: Math.round(percentile(lags, 0.5)),
      p99_lag_ms: Math.round(percentile(lags, 0.99)),
      engine_warnings: logger.counts.warn ?? 0,
      engine_errors: logger.counts.error ?? 0,
    };
    report(measurement);
    return measurement;
  } finally {
    await engine.stop();
    await store.close();
    await fake.close();
  }
}

export async function run(report: Report): Promise<void> {
  const gated = await storm(true, report);
  const baseline = await storm(false, report);
  report({
    case: "baseline / gate on",
    last_reminder: ratio(
      baseline.last_reminder_s ?? Number.NaN,
      gated.last_reminder_s ?? Number.NaN,
    ),
    http_429: ratio(baseline.http_429, Math.max(1, gated.http_429)),
    post_requests: ratio(baseline.post_requests, gated.post_requests),
    p99_lag: ratio(baseline.p99_lag_ms, gated.p99_lag_ms),
  });
}
