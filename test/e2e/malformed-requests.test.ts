import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlackApp } from "../../src/slack/app.ts";
import { fakeSearch, memoryLogger, seedCatalog } from "../slack/fixtures.ts";
import { currentOf } from "../support/snapshots.ts";
import { FakeSlack } from "./fake-slack.ts";
import { startHttpApp, testSigningSecret } from "./http-app.ts";
import { formBody, postToSlackApp, slashCommand } from "./slack-request.ts";

let fake: FakeSlack;
let slack: SlackApp;
let events: string;

beforeAll(async () => {
  fake = await FakeSlack.start();
  ({ slack, events } = await startHttpApp(fake.apiUrl, {
    current: currentOf(seedCatalog, { search: fakeSearch(seedCatalog) }),
    logger: memoryLogger(),
  }));
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
});

type Body = [string, "application/x-www-form-urlencoded" | "application/json"];
const form = "application/x-www-form-urlencoded" as const;
const json = "application/json" as const;

/** Bodies Slack never sends, each correctly signed: only the content is wrong. */
const malformed: Body[] = [
  ["payload=null", form],
  [formBody({ payload: "42" }), form],
  [formBody({ payload: '"text"' }), form],
  [formBody({ payload: "[]" }), form],
  [formBody({ payload: "{" }), form],
  ["null", json],
  ["42", json],
  ['"text"', json],
  ["[]", json],
  ["[null]", json],
  ["{", json],
  ["", json],
];

describe("signed requests whose body is not a Slack payload", () => {
  it.each(malformed)("refuses %j (%s) with 400", async (body, type) => {
    const res = await postToSlackApp(events, body, type, { secret: testSigningSecret });
    expect(res.status).toBe(400);
  });

  it("stays up under many of them at once and still answers /talk", async () => {
    const now = Math.floor(Date.now() / 1000);
    const many = Array.from({ length: 200 }, (_, i) => malformed[i % malformed.length] as Body);
    const statuses = await Promise.all(
      // A timestamp of its own for each (and none the tests above used): a repeated
      // signature would be refused as a replay before its body is looked at.
      many.map(([body, type], i) =>
        postToSlackApp(events, body, type, {
          secret: testSigningSecret,
          timestamp: now - 60 - i,
        }).then((r) => r.status),
      ),
    );
    expect(new Set(statuses)).toEqual(new Set([400]));
    const res = await postToSlackApp(
      events,
      slashCommand({ text: "kafka", response_url: fake.responseUrl() }),
      form,
      { secret: testSigningSecret },
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { text: string }).text).toContain("Kafka in production");
  });
});
