import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalogFile } from "../../src/catalog/load.ts";
import { FixedClock } from "../../src/clock.ts";
import { createSearch } from "../../src/search/create-search.ts";
import { createSlackApp, type SlackApp } from "../../src/slack/app.ts";
import { memoryLogger } from "../slack/fixtures.ts";
import { blockKitViolations } from "./block-kit-rules.ts";
import { FakeSlack } from "./fake-slack.ts";
import { postToSlackApp, slashCommand } from "./slack-request.ts";

// The bundled catalog and the real search behind the real app: what a user would see.
const secret = "8f742231b10e8888abcd99b1b2b3b4b5";
const catalog = loadCatalogFile("data/catalog.json");
const search = createSearch(catalog);
let fake: FakeSlack;
let slack: SlackApp;
let events: string;

beforeAll(async () => {
  fake = await FakeSlack.start();
  slack = await createSlackApp({
    config: {
      mode: "http",
      botToken: "xoxb-test",
      signingSecret: secret,
      port: 0,
      apiUrl: fake.apiUrl,
    },
    getSearch: () => search,
    getCatalog: () => catalog,
    clock: new FixedClock(new Date("2020-03-03T09:00:00Z")),
    logger: memoryLogger(),
  });
  events = `http://127.0.0.1:${(await slack.start()).port}/slack/events`;
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
});

async function talk(text: string): Promise<Record<string, unknown>> {
  const res = await postToSlackApp(
    events,
    slashCommand({ text, response_url: fake.responseUrl() }),
    "application/x-www-form-urlencoded",
    { secret },
  );
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe("/talk over the bundled catalog", () => {
  it.each(["kafka", "track architectures", "speaker martin", "next", "", "zzqxjvw"])(
    "answers %j with a valid, non-empty message",
    async (query) => {
      const message = await talk(query);
      expect(message.response_type).toBe("ephemeral");
      expect(String(message.text).length).toBeGreaterThan(10);
      expect(blockKitViolations(message)).toEqual([]);
    },
  );

  it("finds Kafka talks for kafka, with Details and Share buttons", async () => {
    const message = await talk("kafka");
    expect(String(message.text)).toMatch(/^\d+ talks? for “kafka”: .*Kafka/);
    expect(JSON.stringify(message.blocks)).toContain('"action_id":"talk_details"');
  });
});
