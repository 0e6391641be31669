import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/clock.ts";
import type { SlackConfig } from "../../src/config.ts";
import { ActionId } from "../../src/slack/action-ids.ts";
import { createSlackApp, type SlackApp } from "../../src/slack/app.ts";
import { SlackAuthError, SlackUnreachableError } from "../../src/slack/start-errors.ts";
import { fakeSearch, memoryLogger, seedCatalog } from "../slack/fixtures.ts";
import { currentOf } from "../support/snapshots.ts";
import { FakeSlack, responseUrlMethod } from "./fake-slack.ts";
import { testSigningSecret } from "./http-app.ts";
import { buttonClick, formBody, mentionEvent, postToSlackApp } from "./slack-request.ts";

const callTimeoutMs = 300;

let fake: FakeSlack;
beforeAll(async () => {
  fake = await FakeSlack.start();
});
afterAll(() => fake.close());

function app(config: SlackConfig, logger = memoryLogger()): Promise<SlackApp> {
  return createSlackApp({
    config,
    current: currentOf(seedCatalog, { search: fakeSearch(seedCatalog) }),
    clock: new FixedClock(new Date("2020-03-03T09:00:00Z")),
    logger,
    retryConfig: { retries: 0 },
    callTimeoutMs,
  });
}

const http = (apiUrl: string): SlackConfig => ({
  mode: "http",
  botToken: "xoxb-test",
  signingSecret: testSigningSecret,
  port: 0,
  apiUrl,
});
const socket = (apiUrl: string, appToken = "xapp-1-test"): SlackConfig => ({
  mode: "socket",
  botToken: "xoxb-test",
  appToken,
  apiUrl,
});

/** A loopback port nothing listens on: what a closed SLACK_API_URL looks like. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("start-up when Slack does not answer", () => {
  it("says auth.test did not answer, and what to check, in one line (HTTP mode)", async () => {
    fake.fail("auth.test", { stall: true });
    const failure = await app(http(fake.apiUrl)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SlackUnreachableError);
    const message = (failure as Error).message;
    expect(message).toBe(
      `Slack did not answer auth.test at ${fake.apiUrl} within 0.3 s: check the network, any proxy, and SLACK_API_URL.`,
    );
  });

  it("says apps.connections.open did not answer (Socket Mode)", async () => {
    fake.fail("apps.connections.open", { stall: true });
    const slack = await app(socket(fake.apiUrl));
    const failure = await slack.start().catch((e: unknown) => e);
    await slack.stop().catch(() => {});
    expect(failure).toBeInstanceOf(SlackUnreachableError);
    expect((failure as Error).message).toMatch(
      /^Slack did not answer apps\.connections\.open at .* within 0\.3 s: check the network, any proxy, and SLACK_API_URL\.$/,
    );
  });

  it("names SLACK_API_URL when nothing listens there", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/api/`;
    const failure = await app(http(url)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SlackUnreachableError);
    expect((failure as Error).message).toMatch(
      new RegExp(
        `^Slack could not be reached for auth\\.test at ${url} \\(.*ECONNREFUSED.*\\): .*SLACK_API_URL\\.$`,
      ),
    );
  });

  it("names SLACK_API_URL when something other than Slack answers there", async () => {
    const url = fake.apiUrl.replace("/api/", "/elsewhere/");
    const failure = await app(http(url)).catch((e: unknown) => e);
    expect((failure as Error).message).toBe(
      `${url} answered auth.test with HTTP 404 Not Found, not as Slack's Web API would: check SLACK_API_URL (e.g. https://slack.com/api/) and any proxy.`,
    );
  });

  it("names SLACK_APP_TOKEN when Slack refuses it in Socket Mode", async () => {
    fake.fail("apps.connections.open", { error: "invalid_auth" });
    const slack = await app(socket(fake.apiUrl, "xapp-1-revoked"));
    const failure = await slack.start().catch((e: unknown) => e);
    await slack.stop().catch(() => {});
    expect(failure).toBeInstanceOf(SlackAuthError);
    expect((failure as Error).message).toMatch(
      /^Slack refused SLACK_APP_TOKEN \(invalid_auth\): create an app-level token \(xapp-…\) with the connections:write scope/,
    );
  });
});

describe("a reply Slack never answers", () => {
  const logger = memoryLogger();
  let slack: SlackApp;
  let events: string;
  beforeAll(async () => {
    slack = await app(http(fake.apiUrl), logger);
    const { port } = await slack.start();
    events = `http://127.0.0.1:${port}/slack/events`;
  });
  afterAll(() => slack?.stop());

  const failedLines = () =>
    logger.lines.filter(
      (l) => l.level === "error" && String(l.args[0]).includes("listener failed"),
    );

  it("is logged for a mention's threaded reply", async () => {
    fake.fail("chat.postMessage", { stall: true });
    const event = mentionEvent("Ev0STALL", `<@${fake.botUserId}> kafka`, "1583227000.000100");
    const res = await postToSlackApp(events, JSON.stringify(event), "application/json", {
      secret: testSigningSecret,
    });
    expect(res.status).toBe(200);
    await expect
      .poll(() => failedLines().some((l) => String(l.args[0]).includes("Ev0STALL")))
      .toBe(true);
  });

  it("is logged for a response_url post", async () => {
    const before = failedLines().length;
    fake.fail(responseUrlMethod, { stall: true }, 2);
    const body = formBody({
      payload: JSON.stringify(buttonClick(ActionId.details, "t1", fake.responseUrl("stall"))),
    });
    await postToSlackApp(events, body, "application/x-www-form-urlencoded", {
      secret: testSigningSecret,
    });
    // The answer and then the apology both time out, and each is logged.
    await expect.poll(() => failedLines().length - before, { timeout: 5_000 }).toBe(2);
    expect(String(failedLines().at(-1)?.args[1])).toMatch(/timeout|aborted/i);
  });
});
