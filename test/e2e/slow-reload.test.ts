import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCatalog } from "../../bench/generate-catalog.ts";
import type { CatalogStore } from "../../src/catalog/catalog-store.ts";
import type { SlackApp } from "../../src/slack/app.ts";
import { openSnapshots, type Snapshot } from "../../src/snapshot.ts";
import { quietLogger } from "../digest/helpers.ts";
import { memoryLogger } from "../slack/fixtures.ts";
import { FakeSlack } from "./fake-slack.ts";
import { startHttpApp, testSigningSecret } from "./http-app.ts";
import { postToSlackApp, slashCommand } from "./slack-request.ts";

/**
 * A reload of a large catalog (read, parsed and validated in a worker thread, its
 * index built in slices of the event loop) while /talk keeps arriving: each is
 * answered from the running catalog, well within Slack's 3 s, not after the reload.
 * (On the main thread alone, 10,000 talks held every request for seconds.)
 */
const TALKS = 10_000;
let fake: FakeSlack;
let slack: SlackApp;
let events: string;
let store: CatalogStore<Snapshot>;
let file: string;

beforeAll(async () => {
  file = join(mkdtempSync(join(tmpdir(), "talkbot-slow-reload-")), "catalog.json");
  writeFileSync(file, JSON.stringify(generateCatalog({ talks: 200 })));
  store = await openSnapshots({ file, logger: quietLogger(), watch: null, signals: null });
  fake = await FakeSlack.start();
  ({ slack, events } = await startHttpApp(fake.apiUrl, {
    current: store.current,
    logger: memoryLogger(),
  }));
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
  store?.close();
});

async function timedTalk(): Promise<{ ms: number; text: string }> {
  const start = performance.now();
  const res = await postToSlackApp(
    events,
    slashCommand({ text: "kubernetes", response_url: fake.responseUrl() }),
    "application/x-www-form-urlencoded",
    { secret: testSigningSecret },
  );
  const body = (await res.json()) as { text: string };
  return { ms: performance.now() - start, text: body.text };
}

describe("/talk during a slow catalog reload", () => {
  it("answers from the running catalog within 3 s while the new one loads", async () => {
    writeFileSync(file, JSON.stringify(generateCatalog({ talks: TALKS })));
    let reloaded = false;
    const reload = store.reload("test").then((ok) => {
      reloaded = ok;
    });
    const during: number[] = [];
    while (!reloaded) {
      const { ms } = await timedTalk();
      if (!reloaded) during.push(ms);
      await new Promise((r) => setTimeout(r, 20));
    }
    await reload;
    expect(store.current().catalog.talks).toHaveLength(TALKS);
    // Several answers came while the reload ran, none of them late.
    expect(during.length).toBeGreaterThan(3);
    expect(Math.max(...during)).toBeLessThan(3_000);
    expect((await timedTalk()).text).toMatch(/talks? for “kubernetes”/);
  }, 120_000);
});
