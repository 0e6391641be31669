import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Catalog } from "../../src/catalog/schema.ts";
import { planDigests } from "../../src/digest/plan.ts";
import type { Heartbeat } from "../../src/digest/scheduler.ts";
import { burstWarning, heartbeatSeconds, startDigests } from "../../src/digest/scheduler.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/store.ts";
import { currentFrom } from "../support/snapshots.ts";
import {
  catalogOf,
  digestPort,
  type FakeSlackClient,
  FixedClock,
  fakeSlack,
  instantSleep,
  memoryStore,
  platformError,
  quietLogger,
  settingsOf,
} from "./helpers.ts";

const at = (iso: string) => new Date(iso);
const MIN = 60_000;
const SLOTS = ["10:35", "11:50", "13:40", "14:55", "16:10"];

function conferenceDay(): Catalog {
  const talks = [];
  for (const track of ["A", "B"]) {
    for (const hhmm of SLOTS) {
      talks.push({ id: `${track}-${hhmm}`, track, start: at(`2020-03-03T${hhmm}:00Z`) });
    }
  }
  // A track whose only slot begins while the bot is down.
  talks.push({ id: "C-13:00", track: "C", start: at("2020-03-03T13:00:00Z") });
  return catalogOf("Europe/London", ["A", "B", "C"], talks);
}

const manualHeartbeat = (): Heartbeat & { seconds: number[] } => {
  const seconds: number[] = [];
  const hb: Heartbeat = (s) => {
    seconds.push(s);
    return { stop() {} };
  };
  return Object.assign(hb, { seconds });
};

async function runUntil(
  runner: { tick(): Promise<unknown>; idle(): Promise<void> },
  clock: FixedClock,
  until: Date,
) {
  while (clock.now() < until) {
    clock.advance(MIN);
    await runner.tick();
    await runner.idle();
  }
}

function start(catalog: Catalog, clock: FixedClock, client: FakeSlackClient, store: Store) {
  const logger = quietLogger();
  const runner = startDigests({
    settings: settingsOf(),
    current: currentFrom(() => catalog),
    port: digestPort(client),
    clock,
    store,
    logger,
    heartbeat: manualHeartbeat(),
    engine: { sleep: instantSleep() },
  });
  return { runner, logger };
}

describe("startDigests across restarts", () => {
  it("never repeats a digest, catches up on start, and skips a slot that has begun", async () => {
    const dir = mkdtempSync(join(tmpdir(), "talkbot-sched-"));
    const catalog = conferenceDay();
    const clock = new FixedClock(at("2020-03-03T08:00:00Z"));
    const slack = fakeSlack(clock);

    // Morning: up from 08:00 to 12:00.
    const reopen = () => openStore({ engine: "sqlite", stateDir: dir });
    let store = await reopen();
    let bot = start(catalog, clock, slack, store);
    await runUntil(bot.runner, clock, at("2020-03-03T12:00:00Z"));
    await bot.runner.stop();
    await store.close();
    expect(slack.posts.map((p) => p.at.toISOString())).toEqual([
      "2020-03-03T10:25:00.000Z",
      "2020-03-03T10:25:00.000Z",
      "2020-03-03T11:40:00.000Z",
      "2020-03-03T11:40:00.000Z",
    ]);

    // Down from 12:00 to 13:35: C's 13:00 slot began, the 13:40 digests fell due at 13:30.
    clock.set(at("2020-03-03T13:35:00Z"));
    store = await reopen();
    expect((await store.deliveries("digest")).filter((d) => d.status === "posted")).toHaveLength(4);
    bot = start(catalog, clock, slack, store);
    await bot.runner.tick();
    await bot.runner.idle();
    const caughtUp = slack.posts.slice(4);
    expect(caughtUp.map((p) => [p.at.toISOString(), /Talk (\S+)/.exec(p.text)?.[1]])).toEqual([
      ["2020-03-03T13:35:00.000Z", "A-13:40"],
      ["2020-03-03T13:35:00.000Z", "B-13:40"],
    ]);
    const missedLines = bot.logger.lines.filter((l) => l.text.startsWith("digest missed"));
    expect(missedLines).toHaveLength(1);
    expect(missedLines[0]?.text).toMatch(
      /^digest missed: C .*slot 2020-03-03T13:00:00\+00:00.*not running/,
    );
    await bot.runner.stop();
    await store.close();

    // A second restart a minute later posts nothing and reports nothing again.
    clock.advance(MIN);
    store = await reopen();
    bot = start(catalog, clock, slack, store);
    const report = await bot.runner.tick();
    await bot.runner.idle();
    expect(report).toMatchObject({ queued: [], missed: [] });
    expect(slack.posts).toHaveLength(6);
    expect(bot.logger.lines.some((l) => l.text.startsWith("digest missed"))).toBe(false);

    // And the rest of the day goes out once each.
    await runUntil(bot.runner, clock, at("2020-03-03T18:00:00Z"));
    await bot.runner.stop();
    await store.close();
    const talksPosted = slack.posts.map((p) => /Talk (\S+)/.exec(p.text)?.[1]);
    expect(talksPosted).toHaveLength(10);
    expect(new Set(talksPosted).size).toBe(10);
    expect(talksPosted).not.toContain("C-13:00");
  });

  it("follows a reloaded catalog: a moved slot is announced at its new time", async () => {
    let catalog = conferenceDay();
    const clock = new FixedClock(at("2020-03-03T10:00:00Z"));
    const slack = fakeSlack(clock);
    const runner = startDigests({
      settings: settingsOf({
        rules: [
          { track: "B", exclude: true },
          { track: "C", exclude: true },
        ],
      }),
      current: currentFrom(() => catalog),
      port: digestPort(slack),
      clock,
      store: await memoryStore(),
      logger: quietLogger(),
      heartbeat: manualHeartbeat(),
      engine: { sleep: instantSleep() },
    });
    // The 11:50 talk moves to 12:20 before its digest is due.
    catalog = {
      ...catalog,
      talks: catalog.talks.map((t) =>
        t.id === "A-11:50"
          ? { ...t, start: "2020-03-03T12:20:00+00:00", end: "2020-03-03T12:50:00+00:00" }
          : t,
      ),
    };
    await runUntil(runner, clock, at("2020-03-03T12:30:00Z"));
    await runner.stop();
    expect(slack.posts.map((p) => [p.at.toISOString(), /Talk (\S+)/.exec(p.text)?.[1]])).toEqual([
      ["2020-03-03T10:25:00.000Z", "A-10:35"],
      ["2020-03-03T12:10:00.000Z", "A-11:50"],
    ]);
  });

  it("says digests are off and posts nothing when no channel is configured", async () => {
    const clock = new FixedClock(at("2020-03-03T10:30:00Z"));
    const slack = fakeSlack(clock);
    const logger = quietLogger();
    const hb = manualHeartbeat();
    const runner = startDigests({
      settings: settingsOf({ enabled: false, defaultChannel: undefined }),
      current: currentFrom(() => conferenceDay()),
      port: digestPort(slack),
      clock,
      store: await memoryStore(),
      logger,
      heartbeat: hb,
    });
    await runner.tick();
    expect(slack.posts).toHaveLength(0);
    expect(hb.seconds).toEqual([]);
    expect(logger.lines[0]?.text).toMatch(/^digests are off: no channel configured/);
  });

  it("keeps a refused digest from being retried on every tick", async () => {
    const clock = new FixedClock(at("2020-03-03T10:25:00Z"));
    const refusing = fakeSlack(clock, () => platformError("not_in_channel"));
    const logger = quietLogger();
    const runner = startDigests({
      settings: settingsOf({ rules: [{ track: "B", exclude: true }] }),
      current: currentFrom(() => conferenceDay()),
      port: digestPort(refusing),
      clock,
      store: await memoryStore(),
      logger,
      heartbeat: manualHeartbeat(),
      engine: { sleep: instantSleep() },
    });
    await runUntil(runner, clock, at("2020-03-03T10:34:00Z"));
    await runner.stop();
    expect(refusing.attempts.get("#up-next")).toBe(1);
    expect(logger.lines.find((l) => l.level === "error")?.text).toMatch(
      /Slack refused it \(not_in_channel\): invite the bot/,
    );
  });
});

describe("a store that cannot record outcomes", () => {
  it("still never repeats a post or a missed report within the process, and says so", async () => {
    const broken = await memoryStore();
    broken.settle = async () => {
      throw new Error("EIO: disk gone");
    };
    const clock = new FixedClock(at("2020-03-03T13:10:00Z"));
    const slack = fakeSlack(clock);
    const logger = quietLogger();
    const runner = startDigests({
      settings: settingsOf({ rules: [{ track: "B", exclude: true }] }),
      current: currentFrom(() => conferenceDay()),
      port: digestPort(slack),
      clock,
      store: broken,
      logger,
      heartbeat: manualHeartbeat(),
      engine: { sleep: instantSleep() },
    });
    await runUntil(runner, clock, at("2020-03-03T13:39:00Z"));
    await runner.stop();
    // The morning's slots and C's 13:00 had begun at start: each reported once. A's 13:40 went out once.
    const missed = logger.lines
      .filter((l) => l.text.startsWith("digest missed"))
      .map((l) => /^digest missed: (\w) .*slot \S+T(\d\d:\d\d)/.exec(l.text)?.slice(1).join("-"));
    expect(missed).toEqual(["A-10:35", "A-11:50", "C-13:00"]);
    expect(slack.posts.map((p) => /Talk (\S+)/.exec(p.text)?.[1])).toEqual(["A-13:40"]);
    expect(logger.lines.some((l) => /could not record posted in the store/.test(l.text))).toBe(
      true,
    );
  });
});

describe("heartbeatSeconds", () => {
  it("beats often enough that a simulated clock cannot jump over a lead window", () => {
    expect(heartbeatSeconds(10, 1)).toBe(10);
    // QCon rehearsal at 120x: a 10-minute lead lasts 5 real seconds.
    expect(heartbeatSeconds(10, 120)).toBe(1);
    expect(heartbeatSeconds(10, 30)).toBe(5);
    expect(heartbeatSeconds(0, 1)).toBe(10);
    for (const [lead, speed] of [
      [10, 1],
      [10, 30],
      [5, 60],
      [10, 120],
    ] as const) {
      const beat = heartbeatSeconds(lead, speed);
      // At least two beats land inside every lead window.
      expect(beat * speed * 2).toBeLessThanOrEqual(lead * 60);
    }
  });

  it("starts the heartbeat with that period and warns when the clock is too fast for the lead", async () => {
    const hb = manualHeartbeat();
    const logger = quietLogger();
    const runner = startDigests({
      settings: settingsOf({ defaultLeadMinutes: 1 }),
      current: currentFrom(() => conferenceDay()),
      port: digestPort(fakeSlack(new FixedClock(new Date()))),
      clock: new FixedClock(at("2020-03-03T06:00:00Z")),
      store: await memoryStore(),
      logger,
      heartbeat: hb,
      speed: 600,
    });
    expect(hb.seconds).toEqual([1]);
    expect(runner.heartbeatSeconds).toBe(1);
    expect(logger.lines.some((l) => l.level === "warn" && /Lower TALKBOT_SPEED/.test(l.text))).toBe(
      true,
    );
    void runner.stop();
  });
});

describe("burstWarning", () => {
  // Sixty-two tracks starting together, all into one channel (FOSDEM's shape).
  const tracks = Array.from({ length: 62 }, (_, i) => `Track ${i}`);
  const catalog = catalogOf(
    "Europe/Brussels",
    tracks,
    tracks.map((track, i) => ({ id: `t${i}`, track, start: at("2026-01-31T10:00:00Z") })),
  );
  const plan = planDigests(catalog, settingsOf());

  it("stays quiet in real time: 62 posts a second apart fit in a 10-minute lead", () => {
    expect(burstWarning(plan, 1, 1100)).toBeNull();
  });

  it("warns when a fast rehearsal clock would outrun the pacing", () => {
    expect(burstWarning(plan, 120, 1100)).toMatch(
      /^digests: 62 digests fall due together for #up-next .* 134 simulated minutes, longer than their 10-minute lead/,
    );
  });
});

describe("prepare, before the first post", () => {
  it("runs with the first plan, and until it succeeds nothing is posted", async () => {
    const clock = new FixedClock(at("2020-03-03T10:25:00Z"));
    const slack = fakeSlack(clock);
    const seen: number[] = [];
    let fail = true;
    const runner = startDigests({
      settings: settingsOf({ rules: [{ track: "B", exclude: true }] }),
      current: currentFrom(() => conferenceDay()),
      port: digestPort(slack),
      clock,
      store: await memoryStore(),
      logger: quietLogger(),
      heartbeat: manualHeartbeat(),
      engine: { sleep: instantSleep() },
      prepare: async (plan) => {
        seen.push(plan.length);
        if (fail) throw new Error("EACCES: cannot rename digests.jsonl");
      },
    });
    await expect(runner.tick()).rejects.toThrow(/EACCES/);
    await runner.idle();
    expect(slack.posts).toHaveLength(0);
    fail = false;
    await runner.tick();
    await runner.tick();
    await runner.idle();
    await runner.stop();
    // The start-up tick and ours failed; the third call succeeded, and no fourth came.
    expect(seen).toEqual([6, 6, 6]);
    expect(slack.posts).toHaveLength(1);
  });
});
