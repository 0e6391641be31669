import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deliverable } from "../../src/delivery/engine.ts";
import { DeliveryError } from "../../src/delivery/failure.ts";
import { ChannelDirectory } from "../../src/slack/delivery/channels.ts";
import { createDeliveryClient } from "../../src/slack/delivery/slack-client.ts";
import { slackPort } from "../../src/slack/delivery/slack-port.ts";
import { classifySlackFailure } from "../../src/slack/errors.ts";
import { FakeSlack } from "./fake-slack.ts";

let fake: FakeSlack;
let client: webApi.WebClient;

beforeAll(async () => {
  fake = await FakeSlack.start();
  client = new webApi.WebClient("xoxb-test", {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
  });
});

afterAll(() => fake.close());

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });

describe("the fake Slack itself", () => {
  it("records what it accepted, with the blocks decoded", async () => {
    await client.chat.postMessage({ channel: "C1", text: "hi", blocks: [section("hi")] });
    expect(fake.accepted("chat.postMessage").at(-1)?.params).toMatchObject({
      channel: "C1",
      text: "hi",
      blocks: [section("hi")],
    });
  });

  it("refuses messages that break Block Kit limits, as Slack does", async () => {
    await expect(
      client.chat.postMessage({ channel: "C1", text: "x", blocks: Array(51).fill(section("x")) }),
    ).rejects.toMatchObject({ data: { error: "invalid_blocks" } });
    await expect(
      client.chat.postMessage({ channel: "C1", text: "x", blocks: [section("x".repeat(3001))] }),
    ).rejects.toMatchObject({ data: { error: "invalid_blocks" } });
    await expect(
      client.chat.postMessage({
        channel: "C1",
        text: "x",
        blocks: Array(8).fill(section("y".repeat(2000))),
      }),
    ).rejects.toMatchObject({ data: { error: "msg_blocks_too_long" } });
    await expect(
      client.chat.postMessage({ channel: "C1", blocks: [section("no fallback")] }),
    ).rejects.toMatchObject({
      data: { error: "invalid_blocks" },
    });
  });

  it("fails chosen calls with 5xx, a Slack error or 429 with Retry-After, then recovers", async () => {
    fake.fail("chat.postMessage", { status: 503 });
    await expect(client.chat.postMessage({ channel: "C1", text: "a" })).rejects.toMatchObject({
      code: "slack_webapi_http_error",
      statusCode: 503,
    });
    fake.fail("chat.postMessage", { error: "not_in_channel" });
    await expect(client.chat.postMessage({ channel: "C1", text: "a" })).rejects.toMatchObject({
      data: { error: "not_in_channel" },
    });
    fake.fail("chat.postMessage", { status: 429, retryAfter: 7 });
    const strict = new webApi.WebClient("xoxb-test", {
      slackApiUrl: fake.apiUrl,
      rejectRateLimitedCalls: true,
    });
    await expect(strict.chat.postMessage({ channel: "C1", text: "a" })).rejects.toMatchObject({
      code: "slack_webapi_rate_limited_error",
      retryAfter: 7,
    });
    await expect(client.chat.postMessage({ channel: "C1", text: "a" })).resolves.toMatchObject({
      ok: true,
    });
  });

  it("refuses a bad token on auth.test", async () => {
    const bad = new webApi.WebClient("xoxb-invalid", {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
    });
    await expect(bad.auth.test()).rejects.toMatchObject({ data: { error: "invalid_auth" } });
  });
});

describe("the fake Slack's rate limiter (opt-in)", () => {
  let limited: FakeSlack;
  beforeAll(async () => {
    limited = await FakeSlack.start({
      rateLimit: { perChannelMs: 1000, workspace: { max: 5, windowMs: 2000 } },
    });
  });
  afterAll(() => limited.close());

  /** What the delivery engine posts with: retries off, 429 thrown rather than waited out. */
  const deliveryClient = () =>
    createDeliveryClient({ botToken: "xoxb-test", apiUrl: limited.apiUrl });

  it("answers a second post to one channel within a second as Slack does: 429, Retry-After, ratelimited", async () => {
    const client = deliveryClient();
    await client.chat.postMessage({ channel: "D1", text: "first" });
    const err = await client.chat.postMessage({ channel: "D1", text: "second" }).catch((e) => e);
    expect(err).toBeInstanceOf(webApi.WebAPIRateLimitedError);
    expect(err).toMatchObject({ code: "slack_webapi_rate_limited_error", retryAfter: 1 });
    const answered = limited.callsTo("chat.postMessage").at(-1);
    expect(answered).toMatchObject({ status: 429, response: { ok: false, error: "ratelimited" } });
    expect(classifySlackFailure(err)).toEqual({
      kind: "rate-limited",
      waitMs: 1000,
      what: "429, retry after 1s",
    });
    expect(limited.history.get("D1")).toHaveLength(1);
  });

  it("answers the workspace's budget, across channels, with the wait until a post leaves the window", async () => {
    const client = deliveryClient();
    const port = slackPort<Deliverable & { text: string }>(client, new ChannelDirectory(), (i) => ({
      text: i.text,
      blocks: [],
    }));
    const deadline = new Date(Date.now() + 60_000);
    // D1 posted once already (above): four more fill the budget of five.
    for (const ch of ["W1", "W2", "W3", "W4"]) {
      await port.post({ key: ch, kind: "test", channel: ch, deadline, text: ch });
    }
    const err = await port
      .post({ key: "W5", kind: "test", channel: "W5", deadline, text: "over" })
      .catch((e) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).failure).toMatchObject({ kind: "rate-limited" });
    const waitMs = ((err as DeliveryError).failure as { waitMs: number }).waitMs;
    expect(waitMs).toBeGreaterThanOrEqual(1000);
    expect(waitMs).toBeLessThanOrEqual(2000);
    expect(limited.limiter?.refused).toEqual({ channel: 1, workspace: 1 });
    expect(limited.history.has("W5")).toBe(false);
  });

  it("lets posts through again once Retry-After has passed", async () => {
    await new Promise((r) => setTimeout(r, 2_050));
    await expect(
      deliveryClient().chat.postMessage({ channel: "W5", text: "later" }),
    ).resolves.toMatchObject({ ok: true });
  });
});
