import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalogFile } from "../../src/catalog/load.ts";
import { createSearch } from "../../src/search/create-search.ts";
import type { SlackApp } from "../../src/slack/app.ts";
import { memoryLogger } from "../slack/fixtures.ts";
import { currentOf } from "../support/snapshots.ts";
import { blockKitViolations } from "./block-kit-rules.ts";
import { FakeSlack } from "./fake-slack.ts";
import { startHttpApp, testSigningSecret } from "./http-app.ts";
import { postToSlackApp, slashCommand } from "./slack-request.ts";

// The bundled catalog and the real search behind the real app: what a user would see.
const secret = testSigningSecret;
const catalog = loadCatalogFile("data/catalog.json");
const search = createSearch(catalog);
let fake: FakeSlack;
let slack: SlackApp;
let events: string;

beforeAll(async () => {
  fake = await FakeSlack.start();
  ({ slack, events } = await startHttpApp(fake.apiUrl, {
    current: currentOf(catalog, { search }),
    logger: memoryLogger(),
  }));
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
