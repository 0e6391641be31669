import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Catalog } from "../../src/catalog/schema.ts";
import { ActionId } from "../../src/slack/action-ids.ts";
import type { SlackApp } from "../../src/slack/app.ts";
import {
  fakeSearch,
  hostile,
  hostileCatalog,
  memoryLogger,
  seedCatalog,
} from "../slack/fixtures.ts";
import { currentFrom } from "../support/snapshots.ts";
import { blockKitViolations, liveSequences } from "./block-kit-rules.ts";
import { FakeSlack } from "./fake-slack.ts";
import { startHttpApp, testSigningSecret } from "./http-app.ts";
import {
  buttonClick,
  formBody,
  mentionEvent,
  postToSlackApp,
  slashCommand,
} from "./slack-request.ts";

const secret = testSigningSecret;

let fake: FakeSlack;
let slack: SlackApp;
let events: string;
let base: string;
let catalog: Catalog = seedCatalog;
const logger = memoryLogger();

beforeAll(async () => {
  fake = await FakeSlack.start();
  ({ slack, base, events } = await startHttpApp(fake.apiUrl, {
    current: currentFrom(
      () => catalog,
      (c) => ({ search: fakeSearch(c) }),
    ),
    logger,
  }));
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
});

const send = (
  body: string,
  type: "application/x-www-form-urlencoded" | "application/json",
  headers = {},
) => postToSlackApp(events, body, type, { secret, headers });

const click = (payload: unknown) =>
  send(formBody({ payload: JSON.stringify(payload) }), "application/x-www-form-urlencoded");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("talkbot over HTTP (signed requests, fake Slack Web API)", () => {
  it("checked its bot token with auth.test at start-up", () => {
    expect(fake.callsTo("auth.test")[0]?.token).toBe("xoxb-test");
    expect(slack.botUserId).toBe(fake.botUserId);
  });

  it("answers GET /healthz for load balancers", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, talks: 3 });
  });

  it("answers Slack's URL verification challenge when the request URL is saved", async () => {
    const body = JSON.stringify({
      token: "t",
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
      type: "url_verification",
    });
    const res = await send(body, "application/json");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
    });
  });

  it("answers /talk in the acknowledgement, ephemeral, within Block Kit limits", async () => {
    const res = await send(
      slashCommand({ text: "kafka", response_url: fake.responseUrl("cmd") }),
      "application/x-www-form-urlencoded",
    );
    expect(res.status).toBe(200);
    const message = (await res.json()) as Record<string, unknown>;
    expect(message.response_type).toBe("ephemeral");
    expect(message.text).toBe("1 talk for “kafka”: Kafka in production");
    expect(JSON.stringify(message.blocks)).toContain(
      "Ada Lovelace (Principal Engineer, Analytical Engines)",
    );
    expect(blockKitViolations(message)).toEqual([]);
  });

  it("escapes a hostile query everywhere in the answer", async () => {
    // What Slack sends when someone types /talk <!channel> <@U123>.
    const res = await send(
      slashCommand({
        text: "&lt;!channel&gt; &lt;@U123&gt;",
        response_url: fake.responseUrl(),
      }),
      "application/x-www-form-urlencoded",
    );
    const message = (await res.json()) as Record<string, unknown>;
    expect(liveSequences(message)).toEqual([]);
    expect(String(message.text)).toContain("&lt;!channel&gt;");
  });

  it.each([
    ["unsigned", { unsigned: true }],
    ["signed with another secret", { secret: "0000000000000000ffffffffffffffff" }],
    ["stale (6 minutes old)", { timestamp: Math.floor(Date.now() / 1000) - 360 }],
    ["dated 6 minutes ahead", { timestamp: Math.floor(Date.now() / 1000) + 360 }],
  ])("refuses a %s request with 401", async (_name, options) => {
    const calls = fake.calls.length;
    const res = await postToSlackApp(
      events,
      slashCommand({ text: "kafka", response_url: fake.responseUrl() }),
      "application/x-www-form-urlencoded",
      { secret, ...options },
    );
    expect(res.status).toBe(401);
    expect(fake.calls.length).toBe(calls);
  });

  it("refuses a body changed after signing with 401", async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const signed = slashCommand({ text: "kafka", response_url: fake.responseUrl() });
    const { sign } = await import("./slack-request.ts");
    const res = await fetch(events, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": sign(secret, timestamp, signed),
      },
      body: signed.replace("kafka", "other"),
    });
    expect(res.status).toBe(401);
  });

  it("answers a mention once in its thread, even when Slack retries the event", async () => {
    const event = JSON.stringify(mentionEvent("Ev0MENTION1", `<@${fake.botUserId}> kafka`));
    expect((await send(event, "application/json")).status).toBe(200);
    // Slack signs each retry afresh: same body, later timestamp, new signature.
    const retry = await postToSlackApp(events, event, "application/json", {
      secret,
      timestamp: Math.floor(Date.now() / 1000) + 3,
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    expect(retry.status).toBe(200);
    const [post] = await fake.waitFor(() => {
      const posts = fake
        .accepted("chat.postMessage")
        .filter((c) => c.params.thread_ts === "1583225000.000100");
      return posts.length > 0 && posts;
    });
    await sleep(300);
    const posts = fake
      .callsTo("chat.postMessage")
      .filter((c) => c.params.thread_ts === "1583225000.000100");
    expect(posts).toHaveLength(1);
    expect(post?.params).toMatchObject({
      channel: "C0CONF",
      thread_ts: "1583225000.000100",
      text: "1 talk for “kafka”: Kafka in production",
    });
    expect(post?.token).toBe("xoxb-test");
  });

  it("Details answers only the clicker through the response_url", async () => {
    const res = await click(buttonClick(ActionId.details, "t1", fake.responseUrl("details")));
    expect(res.status).toBe(200);
    const [post] = await fake.waitFor(() => {
      const found = fake.responseUrlPosts.filter((p) => p.id === "details");
      return found.length > 0 && found;
    });
    expect(post?.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(JSON.stringify(post?.body.blocks)).toContain("Ada writes programs.");
  });

  it("Share in channel posts the card as the bot, saying who shared it", async () => {
    const before = fake.accepted("chat.postMessage").length;
    await click(buttonClick(ActionId.share, "t2", fake.responseUrl("share")));
    const post = await fake.waitFor(() => fake.accepted("chat.postMessage")[before]);
    expect(post.params).toMatchObject({
      channel: "C0CONF",
      text: "<@U0BOB> shared a talk: Streaming &amp; you",
    });
    expect(post.params.thread_ts).toBeUndefined();
  });

  it("refuses the same signed Share request sent again, so the card is posted once", async () => {
    const before = fake.accepted("chat.postMessage").length;
    const body = formBody({
      payload: JSON.stringify(buttonClick(ActionId.share, "t1", fake.responseUrl("replay"))),
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const options = { secret, timestamp };
    const first = await postToSlackApp(events, body, "application/x-www-form-urlencoded", options);
    const replay = await postToSlackApp(events, body, "application/x-www-form-urlencoded", options);
    expect([first.status, replay.status]).toEqual([200, 401]);
    await fake.waitFor(() => fake.accepted("chat.postMessage")[before]);
    await sleep(300);
    expect(fake.accepted("chat.postMessage")).toHaveLength(before + 1);
  });

  it("More results replaces the ephemeral answer with the next page", async () => {
    catalog = hostileCatalog(12);
    try {
      await click(
        buttonClick(ActionId.more, JSON.stringify({ q: "title", o: 5 }), fake.responseUrl("more")),
      );
      const post = await fake.waitFor(() => fake.responseUrlPosts.find((p) => p.id === "more"));
      expect(post.body).toMatchObject({ replace_original: true, response_type: "ephemeral" });
      expect(JSON.stringify(post.body)).toContain("Showing 6–");
    } finally {
      catalog = seedCatalog;
    }
  });

  it("keeps a hostile catalog of 60 matches within limits and harmless in a thread", async () => {
    catalog = hostileCatalog(60);
    try {
      const event = JSON.stringify(
        mentionEvent("Ev0HOSTILE", `<@${fake.botUserId}> title`, "1583225100.000100"),
      );
      await send(event, "application/json");
      const post = await fake.waitFor(() =>
        fake.callsTo("chat.postMessage").find((c) => c.params.thread_ts === "1583225100.000100"),
      );
      expect(post.response.ok).toBe(true);
      expect(liveSequences(post.params).every((s) => s.startsWith("<!date^"))).toBe(true);
      for (const attack of Object.values(hostile))
        expect(JSON.stringify(post.params)).not.toContain(attack);
    } finally {
      catalog = seedCatalog;
    }
  });

  it("waits out a 429 and posts exactly once", async () => {
    fake.fail("chat.postMessage", { status: 429, retryAfter: 1 });
    const event = JSON.stringify(
      mentionEvent("Ev0RATELIMIT", `<@${fake.botUserId}> kafka`, "1583225200.000100"),
    );
    await send(event, "application/json");
    const calls = () =>
      fake.callsTo("chat.postMessage").filter((c) => c.params.thread_ts === "1583225200.000100");
    await fake.waitFor(() => calls().some((c) => c.response.ok === true), 8_000);
    const [limited, ok] = calls();
    expect(calls()).toHaveLength(2);
    expect(limited?.status).toBe(429);
    expect((ok?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
  });

  it("apologises with a reference when a listener fails, and keeps serving", async () => {
    const healthy = catalog;
    const broken = {
      ...healthy,
      get talks(): never {
        throw new Error("catalog vanished");
      },
    } as Catalog;
    catalog = broken;
    try {
      await click(buttonClick(ActionId.details, "t1", fake.responseUrl("broken")));
      const post = await fake.waitFor(() => fake.responseUrlPosts.find((p) => p.id === "broken"));
      const ref = /reference `([0-9a-f]{8})`/.exec(String(post.body.text))?.[1];
      expect(ref).toBeDefined();
      expect(
        logger.lines.some((l) => l.level === "error" && String(l.args[0]).includes(`[ref ${ref}]`)),
      ).toBe(true);
    } finally {
      catalog = healthy;
    }
    const res = await send(
      slashCommand({ text: "kafka", response_url: fake.responseUrl() }),
      "application/x-www-form-urlencoded",
    );
    expect(res.status).toBe(200);
  });
});
