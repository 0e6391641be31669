import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulatedClock, systemClock } from "../../src/clock.ts";
import { loadConfig } from "../../src/config.ts";
import { startDigests } from "../../src/digest/scheduler.ts";
import { ChannelDirectory } from "../../src/slack/delivery/channels.ts";
import { createDeliveryClient } from "../../src/slack/delivery/slack-client.ts";
import { slackPort } from "../../src/slack/delivery/slack-port.ts";
import { renderDigest } from "../../src/slack/delivery/start-digests.ts";
import { openStore } from "../../src/store/open-store.ts";
import { catalogOf, quietLogger } from "../digest/helpers.ts";
import { currentFrom } from "../support/snapshots.ts";
import { FakeSlack } from "./fake-slack.ts";

const SPEED = 120;
const at = (iso: string) => new Date(iso);

/** Two tracks in two channels; slots three minutes apart so the run takes seconds. */
const catalog = catalogOf(
  "Europe/London",
  ["Architecture", "Culture"],
  [
    // Began before the bot starts: reported missed, never posted.
    { id: "early", track: "Culture", start: at("2020-03-03T10:20:00Z"), title: "Too late" },
    {
      id: "a1",
      track: "Architecture",
      start: at("2020-03-03T10:35:00Z"),
      title: "<!channel> Kafka & friends",
      room: "Fleming",
    },
    {
      id: "a2",
      track: "Architecture",
      start: at("2020-03-03T10:35:00Z"),
      title: "Flink",
      room: "Abbey",
    },
    { id: "c1", track: "Culture", start: at("2020-03-03T10:38:00Z"), title: "Teams" },
    {
      id: "a3",
      track: "Architecture",
      start: at("2020-03-03T10:41:00Z"),
      title: "Micro-frontends",
    },
  ],
);

let slack: FakeSlack;

beforeAll(async () => {
  slack = await FakeSlack.start();
});

afterAll(async () => {
  await slack.close();
});

describe("digests end to end through the fake Slack on a 120x clock", () => {
  it("posts each digest once, on simulated time, through a 429 and a 503, across a restart", async () => {
    const { settings } = loadConfig(
      {
        TALKBOT_DIGEST_CHANNEL: "C0CULTURE",
        TALKBOT_DIGEST_LEAD_MINUTES: "10",
        TALKBOT_CONFIG: "talkbot.json",
      },
      () => JSON.stringify({ digests: { tracks: { Architecture: { channel: "C0ARCH" } } } }),
    ).digest;
    // The production client: a real WebClient that leaves retrying to the engine.
    const client = createDeliveryClient({ botToken: "xoxb-test", apiUrl: slack.apiUrl });
    expect(client).toBeInstanceOf(WebClient);
    const port = slackPort(client, new ChannelDirectory(), renderDigest);
    const dir = mkdtempSync(join(tmpdir(), "talkbot-e2e-digests-"));
    const simStart = at("2020-03-03T10:24:30Z");
    const realStart = Date.now();
    const clock = simulatedClock(simStart, SPEED, systemClock);
    const simAt = (realMs: number) => new Date(simStart.getTime() + (realMs - realStart) * SPEED);

    // The first post is rate limited, the next one meets a 503.
    slack.fail("chat.postMessage", { status: 429, retryAfter: 1 });
    slack.fail("chat.postMessage", { status: 503 });

    const logger = quietLogger();
    let store = await openStore({ engine: "sqlite", stateDir: dir });
    let runner = startDigests({
      settings,
      current: currentFrom(() => catalog),
      port,
      clock,
      store,
      logger,
      speed: SPEED,
      engine: { initialBackoffMs: 200 },
    });
    expect(runner.heartbeatSeconds).toBe(1);

    // 10:25 → the 10:35 Architecture slot (0.25 s in), then 10:28 → Culture 10:38 (1.75 s).
    await slack.waitFor(() => slack.accepted("chat.postMessage").length >= 2, 10_000);
    await runner.stop();
    await store.close();

    // Restart while the clock runs on: nothing is repeated, 10:31 → Architecture 10:41.
    store = await openStore({ engine: "sqlite", stateDir: dir });
    expect((await store.deliveries()).map((d) => d.status).sort()).toEqual([
      "missed",
      "posted",
      "posted",
    ]);
    runner = startDigests({
      settings,
      current: currentFrom(() => catalog),
      port,
      clock,
      store,
      logger,
      speed: SPEED,
    });
    await slack.waitFor(() => slack.accepted("chat.postMessage").length >= 3, 10_000);
    // A few more heartbeats: still exactly three.
    await new Promise((r) => setTimeout(r, 2_000));
    await runner.stop();
    await store.close();

    // One post per slot, in its track's channel, inside [due, slot start) on the simulated clock.
    const posts = slack.accepted("chat.postMessage");
    const slots = [
      { title: "Kafka", channel: "C0ARCH", start: at("2020-03-03T10:35:00Z") },
      { title: "Teams", channel: "C0CULTURE", start: at("2020-03-03T10:38:00Z") },
      { title: "Micro-frontends", channel: "C0ARCH", start: at("2020-03-03T10:41:00Z") },
    ];
    expect(posts).toHaveLength(3);
    for (const slot of slots) {
      const matching = posts.filter((p) => String(p.params.text).includes(slot.title));
      expect(matching, slot.title).toHaveLength(1);
      const post = matching[0] as (typeof posts)[number];
      expect(post.params.channel).toBe(slot.channel);
      const sim = simAt(post.at).getTime();
      // (A couple of simulated seconds of slack for the two clocks being read apart.)
      expect(sim).toBeGreaterThanOrEqual(slot.start.getTime() - 10 * 60_000 - 2_000);
      expect(sim).toBeLessThan(slot.start.getTime());
    }

    // The 429 was waited out for its Retry-After, the 503 retried: one message each.
    const attempts = slack.callsTo("chat.postMessage");
    expect(attempts.map((c) => c.status).sort()).toEqual([200, 200, 200, 429, 503]);
    const limited = attempts.find((c) => c.status === 429) as (typeof attempts)[number];
    const retry = attempts.find(
      (c) => c.at > limited.at && c.params.channel === limited.params.channel,
    );
    expect((retry?.at ?? 0) - limited.at).toBeGreaterThanOrEqual(950);
    // A 503 may come after Slack took the post: history was read before posting again.
    expect(slack.callsTo("conversations.history")).toHaveLength(1);
    // Every message carries its key, and each key is in its channel once.
    for (const post of posts) {
      const key = (post.params.metadata as { event_payload: { key: string } }).event_payload.key;
      expect(slack.postedWithKey(key)).toHaveLength(1);
    }

    // What Slack received: the slot's talks, escaped, with Details and ☆ Star each.
    const first = posts.find((p) => String(p.params.text).includes("Kafka"))?.params as {
      text: string;
      blocks: { type: string; elements?: { action_id: string; value: string }[] }[];
    };
    expect(first.text).toContain("&lt;!channel&gt; Kafka &amp; friends");
    expect(JSON.stringify(first.blocks)).not.toContain("<!channel>");
    const buttons = first.blocks.flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []));
    expect(buttons.map((e) => `${e.action_id} ${e.value}`)).toEqual([
      "talk_details a2",
      "talk_star a2",
      "talk_details a1",
      "talk_star a1",
    ]);
    expect(JSON.stringify(first.blocks)).toContain(
      `<!date^${at("2020-03-03T10:35:00Z").getTime() / 1000}^`,
    );

    // The slot that had begun before the bot started was reported, not announced.
    expect(posts.some((p) => String(p.params.text).includes("Too late"))).toBe(false);
    const missed = logger.lines.filter((l) => l.text.startsWith("digest missed"));
    expect(missed).toHaveLength(1);
    expect(missed[0]?.text).toContain("slot 2020-03-03T10:20:00+00:00");
  }, 30_000);
});
