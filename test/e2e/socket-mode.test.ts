import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/clock.ts";
import { ActionId } from "../../src/slack/action-ids.ts";
import { createSlackApp, type SlackApp } from "../../src/slack/app.ts";
import { fakeSearch, memoryLogger, seedCatalog } from "../slack/fixtures.ts";
import { currentOf } from "../support/snapshots.ts";
import { blockKitViolations } from "./block-kit-rules.ts";
import { FakeSlack } from "./fake-slack.ts";
import { buttonClick, mentionEvent } from "./slack-request.ts";

let fake: FakeSlack;
let slack: SlackApp;

beforeAll(async () => {
  fake = await FakeSlack.start();
  slack = await createSlackApp({
    config: { mode: "socket", botToken: "xoxb-test", appToken: "xapp-1-test", apiUrl: fake.apiUrl },
    current: currentOf(seedCatalog, { search: fakeSearch(seedCatalog) }),
    clock: new FixedClock(new Date("2020-03-03T09:00:00Z")),
    logger: memoryLogger(),
  });
  await slack.start();
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("talkbot over Socket Mode (local WebSocket, fake Slack Web API)", () => {
  it("opened the connection with the app token", () => {
    expect(fake.callsTo("apps.connections.open").map((c) => c.token)).toEqual(["xapp-1-test"]);
    expect(fake.socketConnected).toBe(true);
  });

  it("answers /talk in the envelope's acknowledgement", async () => {
    const ack = await fake.sendEnvelope("slash_commands", {
      command: "/talk",
      text: "kafka",
      user_id: "U0ALICE",
      channel_id: "C0CONF",
      team_id: "T0CONF",
      api_app_id: "A0TALKBOT",
      response_url: fake.responseUrl("sm-cmd"),
      trigger_id: "1.2.3",
    });
    expect(ack).toMatchObject({
      response_type: "ephemeral",
      text: "1 talk for “kafka”: Kafka in production",
    });
    expect(blockKitViolations(ack ?? {})).toEqual([]);
  });

  it("answers a mention once in its thread when the event is delivered again", async () => {
    const payload = mentionEvent(
      "Ev0SOCKET1",
      `<@${fake.botUserId}> streaming`,
      "1583226000.000100",
    );
    await fake.sendEnvelope("events_api", payload);
    await fake.sendEnvelope("events_api", payload, { retry_attempt: 1, retry_reason: "timeout" });
    const post = await fake.waitFor(() => fake.accepted("chat.postMessage")[0]);
    await sleep(300);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
    expect(post.params).toMatchObject({
      channel: "C0CONF",
      thread_ts: "1583226000.000100",
      text: "1 talk for “streaming”: Streaming &amp; you",
    });
  });

  it("answers a Details click ephemerally through the response_url", async () => {
    await fake.sendEnvelope(
      "interactive",
      buttonClick(ActionId.details, "t2", fake.responseUrl("sm-details")),
    );
    const post = await fake.waitFor(() => fake.responseUrlPosts.find((p) => p.id === "sm-details"));
    expect(post.body).toMatchObject({
      response_type: "ephemeral",
      text: "Streaming &amp; you by Grace Hopper (Navy)",
    });
  });
});
