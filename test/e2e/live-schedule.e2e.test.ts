/**
 * The live schedule (#15) end to end: the real talkbot process in HTTP mode
 * following a local HTTP server that serves 36C3's four releases one after
 * another, then a broken one and one cut short; the fake Slack; a simulated
 * clock started on 30 Dec 2019 at 11:20:30 Berlin time, just after the digests
 * for the 11:30 slot fell due. Then a SIGKILL and a restart with the source down.
 */
import type { ChildProcess } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { release36c3 } from "../schedule/posted.ts";
import {
  berlin,
  cutTo,
  ReleaseServer,
  releases36c3,
  truncatedXml,
} from "../schedule/release-server.ts";
import { dmChannelOf, FakeSlack, type StoredMessage } from "./fake-slack.ts";
import {
  killHard,
  starInAnswer,
  startTalkbot,
  stateDir,
  type Talkbot,
  talkCommand,
  type UserId,
} from "./talkbot-process.ts";

const ALICE: UserId = "U0ALICE";
const CHANNEL = "C0UPNEXT";
const HAL = "HAL - The Open-Source Hardware Analyzer";

let fake: FakeSlack;
let server: ReleaseServer;
let url: string;
const running = new Set<ChildProcess>();

beforeAll(async () => {
  fake = await FakeSlack.start();
  server = new ReleaseServer();
  url = await server.start();
});
afterEach(() => {
  for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
  running.clear();
});
afterAll(async () => {
  await fake?.close();
  await server?.close();
});

const keyOf = (m: StoredMessage) =>
  String(
    (m.metadata as { event_payload?: { key?: unknown } } | undefined)?.event_payload?.key ?? "",
  );
const channelMessages = () => fake.history.get(CHANNEL) ?? [];
const withKey = (prefix: string) => channelMessages().filter((m) => keyOf(m).startsWith(prefix));
/** Notices and DMs are keyed by the change: `<previous release>><release>#<n>`. */
const noticesOf = (release: string) =>
  withKey("notice:").filter((m) => keyOf(m).includes(`>${release}#`));
const dmsToAlice = () => fake.history.get(dmChannelOf(ALICE)) ?? [];
const textOf = (m: StoredMessage | undefined) => JSON.stringify(m?.blocks ?? m?.text ?? "");

/** Waits for the `n`th "schedule release … applied" line, and returns the release id. */
async function nthRelease(bot: Talkbot, n: number): Promise<string> {
  const re = /schedule release (\w+) applied/g;
  await bot.logged(new RegExp(`(?:schedule release \\w+ applied[^]*){${n}}`), 15_000);
  const ids = [...bot.stderr().matchAll(re)].map((m) => m[1] as string);
  return ids[n - 1] as string;
}

describe("following a live schedule from the real talkbot process", () => {
  it("corrects posted digests, tells the channel and the people affected once per release, and survives a SIGKILL with the source down", async () => {
    const dir = stateDir();
    const env = {
      TALKBOT_STATE_DIR: dir,
      TALKBOT_SCHEDULE_URL: url,
      TALKBOT_SCHEDULE_TIME_ZONE: berlin,
      TALKBOT_SCHEDULE_POLL_SECONDS: "1",
      TALKBOT_DIGEST_CHANNEL: CHANNEL,
      TALKBOT_NOW: "2019-12-30T11:20:30+01:00",
    };
    server.body = releases36c3[0] as string;
    const bot = await startTalkbot(fake.apiUrl, env, running);
    expect(await nthRelease(bot, 1)).toMatch(/^\w+$/);
    expect(bot.stderr()).toContain("first release, nothing announced");

    // The 11:30 digests go out at start (their lead began at 11:20).
    const hardware = await fake.waitFor(() =>
      channelMessages().find(
        (m) => keyOf(m).startsWith("digest:") && textOf(m).includes("Hardware"),
      ),
    );
    expect(textOf(hardware)).toContain("Understanding millions of gates");
    const digestKey = keyOf(hardware);

    // Alice stars HAL, on at 12:30 in this release: outside her reminder window.
    const halId = release36c3(0).talks.find((t) => t.title === HAL)?.id as string;
    const answer = await talkCommand(
      bot.base,
      ALICE,
      "open-source hardware analyzer",
      fake.responseUrl(),
    );
    await starInAnswer(bot.base, fake, { user: ALICE, answer, talkId: halId });
    await new Promise((r) => setTimeout(r, 500));
    expect(dmsToAlice()).toEqual([]);
    const postsBefore = fake.accepted("chat.postMessage").length;

    // Release 2 of 4: gates moves to 12:50, HAL comes forward to 11:30.
    server.body = releases36c3[1] as string;
    const r1 = await nthRelease(bot, 2);
    const edited = await fake.waitFor(() => (hardware.edited ? hardware : undefined), 10_000);
    expect(edited.ts).toBe(hardware.ts);
    expect(textOf(edited)).toContain(
      "Updated 11:20: Understanding millions of gates moved to 12:50, Adams; HAL - The Open-Source Hardware Analyzer new in this slot",
    );
    // The message now says which correction it shows.
    expect(keyOf(edited)).toBe(`correction:${r1}:${digestKey}`);
    const notice = await fake.waitFor(() => noticesOf(r1)[0], 10_000);
    expect(textOf(notice)).toContain("Schedule changes");
    expect(textOf(notice)).toContain("Understanding millions of gates");
    // Her DM about HAL, and the reminder at its new time (inside the window now).
    const dm = await fake.waitFor(
      () =>
        dmsToAlice().find((m) => keyOf(m).startsWith("change-dm:") && keyOf(m).includes(`>${r1}#`)),
      10_000,
    );
    expect(textOf(dm)).toContain(HAL);
    const reminder = await fake.waitFor(
      () => dmsToAlice().find((m) => keyOf(m).startsWith("reminder:")),
      10_000,
    );
    expect(keyOf(reminder)).toMatch(
      new RegExp(`^reminder:36c3:${halId}:${ALICE}:2019-12-30T11:30:00\\+01:00$`),
    );
    expect(textOf(reminder)).toContain("Mon 30 Dec 2019, 11:30–12:30 CET");

    // Releases 3 and 4: whatever they change is told at most once per channel.
    server.body = releases36c3[2] as string;
    const r2 = await nthRelease(bot, 3);
    server.body = releases36c3[3] as string;
    const r3 = await nthRelease(bot, 4);
    await new Promise((r) => setTimeout(r, 1500));
    // Each changes talks still to come in the channel's tracks: one notice each.
    for (const r of [r1, r2, r3]) expect(noticesOf(r)).toHaveLength(1);
    // Release 3 renamed HAL's room: the corrected digest was corrected again, in place.
    expect(keyOf(hardware)).toBe(`correction:${r2}:${digestKey}`);
    expect(textOf(hardware)).toContain("room Adams is now called Ada");
    // Every edit, DM and notice went out once: no key twice on the wire.
    const sent = fake
      .accepted("chat.update")
      .concat(fake.accepted("chat.postMessage"))
      .map((c) => JSON.stringify(c.params.metadata ?? ""));
    expect(new Set(sent).size).toBe(sent.length);
    expect(dmsToAlice().filter((m) => keyOf(m).startsWith("change-dm:"))).toHaveLength(2);

    // A broken release and one cut short are refused, each logged once; 304s cost nothing.
    const calls = fake.calls.length;
    server.body = truncatedXml;
    await bot.logged(/schedule release \w+ not applied: [^\n]*/, 10_000);
    server.body = cutTo(releases36c3[3] as string, 5);
    await bot.logged(/not applied[^\n]*cut short/, 10_000);
    server.body = releases36c3[3] as string;
    await new Promise((r) => setTimeout(r, 2500));
    expect(bot.stderr().match(/not applied/g)).toHaveLength(2);
    expect(server.statuses.slice(-2)).toContain(304);
    expect(fake.calls.slice(calls).filter((c) => c.method.startsWith("chat."))).toEqual([]);
    expect(fake.accepted("chat.postMessage").length).toBeGreaterThan(postsBefore);

    // SIGKILL, and the source goes down: the restart serves release 4 from the store.
    await killHard(bot);
    server.failWith = 503;
    const chatCalls = fake.calls.filter((c) => c.method.startsWith("chat.")).length;
    const again = await startTalkbot(fake.apiUrl, env, running);
    await again.logged(new RegExp(`schedule release ${r3} restored from the archive`));
    const found = await talkCommand(
      again.base,
      ALICE,
      "cryptography demystified",
      fake.responseUrl(),
    );
    expect(JSON.stringify(found)).toContain("Cryptography demystified");
    await new Promise((r) => setTimeout(r, 3000));
    expect(fake.calls.filter((c) => c.method.startsWith("chat.")).length).toBe(chatCalls);
    await killHard(again);
  }, 90_000);
});
