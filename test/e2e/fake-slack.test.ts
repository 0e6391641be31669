import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
