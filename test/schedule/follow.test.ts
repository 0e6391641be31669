import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/clock.ts";
import type { Deliverable, DeliveryPort } from "../../src/delivery/engine.ts";
import { DeliveryError } from "../../src/delivery/failure.ts";
import { planDigests, trackOf } from "../../src/digest/plan.ts";
import type { ChangeDm } from "../../src/schedule/affected-people.ts";
import { type Correction, correctionPayload } from "../../src/schedule/corrections.ts";
import { digestPayload } from "../../src/schedule/digest-payload.ts";
import { followSchedule, type ScheduleFollower } from "../../src/schedule/follow.ts";
import type { ChangeNotice } from "../../src/schedule/notices.ts";
import type { Store } from "../../src/store/store.ts";
import { memoryStore } from "../digest/helpers.ts";
import { berlinTime, CHANNEL_ID, oneChannel, release36c3 } from "./posted.ts";
import { berlin, cutTo, ReleaseServer, recordingLogger, releases36c3 } from "./release-server.ts";

let server: ReleaseServer;
let url: string;
let store: Store;
const running: ScheduleFollower[] = [];

beforeEach(async () => {
  server = new ReleaseServer();
  url = await server.start();
  store = await memoryStore();
});

afterEach(async () => {
  for (const f of running.splice(0)) await f.stop();
  await server.close();
  await store.close();
});

/** A port that keeps what it was given; while `down`, every post times out. */
function recordingPort<T extends Deliverable>(payloadOf?: (item: T) => string) {
  const posted: T[] = [];
  const state = { down: false };
  const port: DeliveryPort<T> = {
    async post(item) {
      if (state.down) throw new DeliveryError({ kind: "unknown", what: "timed out" });
      posted.push(item);
      const payload = payloadOf?.(item);
      return {
        channel: item.channel,
        ts: `${posted.length}.000100`,
        ...(payload ? { payload } : {}),
      };
    },
    async find() {
      return null;
    },
  };
  return { posted, port, state };
}

const gatesTitle = "Understanding millions of gates";
const gatesId = () => {
  const t = release36c3(0).talks.find((x) => x.title === gatesTitle);
  if (!t) throw new Error("fixture changed");
  return t.id;
};

function start(clock: FixedClock, stars: Map<string, Set<string>> = new Map(), dmsDown = false) {
  const log = recordingLogger();
  // As the Slack port does: the record keeps what the corrected message shows.
  const corrections = recordingPort<Correction>(correctionPayload);
  const notices = recordingPort<ChangeNotice>();
  const dms = recordingPort<ChangeDm>();
  dms.state.down = dmsDown;
  const published: number[] = [];
  const follower = followSchedule({
    sources: [url],
    timeZone: berlin,
    intervalSeconds: 3600,
    store,
    clock,
    logger: log.logger,
    settings: oneChannel,
    starrersOf: (id) => stars.get(id) ?? new Set(),
    publish: async (c) => void published.push(c.talks.length),
    ports: { corrections: corrections.port, notices: notices.port, dms: dms.port },
    // A short lease, so the next process takes over the claims of one that stopped.
    engine: { pacingMs: 0, leaseMs: 200, initialBackoffMs: 5, maxBackoffMs: 20 },
    sweepMs: 50,
  });
  running.push(follower);
  return { follower, log, corrections, notices, dms, published };
}

/** The Hardware & Making digest for 30 Dec 11:30, as posted from release 0. */
async function postHardwareDigest(): Promise<string> {
  const slot = berlinTime("2019-12-30T11:30").getTime();
  const d = planDigests(release36c3(0), oneChannel).find(
    (x) => x.slotStart.getTime() === slot && trackOf(x)?.name === "Hardware & Making",
  );
  if (!d) throw new Error("fixture changed");
  await store.claim(d.key, "digest", "earlier", 60_000);
  await store.settle(
    d.key,
    "earlier",
    {
      status: "posted",
      channel: CHANNEL_ID,
      ts: "1577701200.000100",
      payload: JSON.stringify(digestPayload(d)),
    },
    berlinTime("2019-12-30T11:20"),
  );
  return d.key;
}

describe("following a live schedule", () => {
  it("serves the first release and announces nothing", async () => {
    server.body = releases36c3[0] as string;
    const clock = new FixedClock(berlinTime("2019-12-30T11:25"));
    const bot = start(clock);
    const first = await bot.follower.first();
    expect(first.talks.length).toBe(release36c3(0).talks.length);
    await bot.follower.idle();
    expect([bot.corrections.posted, bot.notices.posted, bot.dms.posted]).toEqual([[], [], []]);
    expect(await store.appliedRelease(bot.follower.poller.sourceSet)).toMatchObject({
      previousReleaseId: null,
    });
  });

  it("corrects the posted digest, notices the channel and DMs who starred, once per release", async () => {
    server.body = releases36c3[0] as string;
    const clock = new FixedClock(berlinTime("2019-12-30T11:25"));
    const digestKey = await postHardwareDigest();
    const bot = start(clock, new Map([[gatesId(), new Set(["U1"])]]));
    await bot.follower.first();
    bot.follower.start();

    server.body = releases36c3[1] as string;
    expect(await bot.follower.pollNow("test")).toBe(true);
    await bot.follower.idle();
    expect(bot.published).toEqual([release36c3(1).talks.length]);
    expect(bot.corrections.posted.map((c) => [c.digestKey, c.ts, c.context])).toEqual([
      [
        digestKey,
        "1577701200.000100",
        "Updated 11:25: Understanding millions of gates moved to 12:50, Adams; HAL - The Open-Source Hardware Analyzer new in this slot",
      ],
    ]);
    expect(bot.notices.posted.map((n) => n.channel)).toEqual(["#up-next"]);
    expect(bot.dms.posted.map((d) => [d.userId, d.changes.map((c) => c.change.talkId)])).toEqual([
      ["U1", [gatesId()]],
    ]);

    // The same release again (a re-upload of the same bytes) tells nothing twice.
    server.body = `${releases36c3[1]}\n`;
    await bot.follower.pollNow("test");
    await bot.follower.idle();
    expect(bot.corrections.posted).toHaveLength(1);
    expect(bot.notices.posted).toHaveLength(1);
    expect(bot.dms.posted).toHaveLength(1);

    // The organizer takes the change back, then makes it again: news each time.
    clock.advance(60_000);
    server.body = releases36c3[0] as string;
    expect(await bot.follower.pollNow("test")).toBe(true);
    await bot.follower.idle();
    expect(bot.corrections.posted.at(-1)?.context).toBe(
      "Updated 11:26: HAL - The Open-Source Hardware Analyzer moved to 12:30, Adams; Understanding millions of gates new in this slot",
    );
    clock.advance(60_000);
    server.body = releases36c3[1] as string;
    expect(await bot.follower.pollNow("test")).toBe(true);
    await bot.follower.idle();
    expect(bot.corrections.posted).toHaveLength(3);
    expect(bot.notices.posted).toHaveLength(3);
    expect(bot.dms.posted.map((d) => d.userId)).toEqual(["U1", "U1", "U1"]);
  });

  it("corrects a digest recorded after the release was worked out (on the wire meanwhile)", async () => {
    server.body = releases36c3[0] as string;
    const clock = new FixedClock(berlinTime("2019-12-30T11:25"));
    const bot = start(clock);
    await bot.follower.first();
    bot.follower.start();
    server.body = releases36c3[1] as string;
    await bot.follower.pollNow("test");
    await bot.follower.idle();
    expect(bot.corrections.posted).toEqual([]);
    // Slack answers the post of the old digest only now.
    const digestKey = await postHardwareDigest();
    await new Promise((r) => setTimeout(r, 200));
    await bot.follower.idle();
    expect(bot.corrections.posted.map((c) => c.digestKey)).toEqual([digestKey]);
  });

  it("refuses an export cut short, keeps the release in force and announces nothing", async () => {
    server.body = releases36c3[0] as string;
    const bot = start(new FixedClock(berlinTime("2019-12-27T09:00")));
    await bot.follower.first();
    bot.follower.start();
    server.body = cutTo(releases36c3[1] as string, 5);
    expect(await bot.follower.pollNow("test")).toBe(false);
    await bot.follower.idle();
    expect(bot.published).toEqual([]);
    expect(bot.notices.posted).toEqual([]);
    expect(bot.log.lines.filter((l) => l.text.includes("not applied"))).toHaveLength(1);
  });

  it("after a restart with the source down, serves the archived release and tells only what was left", async () => {
    server.body = releases36c3[0] as string;
    const clock = new FixedClock(berlinTime("2019-12-30T11:25"));
    await postHardwareDigest();
    const stars = new Map([[gatesId(), new Set(["U1"])]]);
    // Slack never answers the DM: its outcome stays unknown when the process stops.
    const before = start(clock, stars, true);
    await before.follower.first();
    before.follower.start();
    server.body = releases36c3[1] as string;
    await before.follower.pollNow("test");
    await new Promise((r) => setTimeout(r, 100));
    expect(before.corrections.posted).toHaveLength(1);
    expect(before.notices.posted).toHaveLength(1);
    await before.follower.stop();

    server.failWith = 503;
    const after = start(clock, stars);
    const served = await after.follower.first();
    after.follower.start();
    expect(served.talks.length).toBe(release36c3(1).talks.length);
    // The lease of the stopped process runs out; then the DM is checked for and sent.
    await new Promise((r) => setTimeout(r, 300));
    await after.follower.idle();
    expect(after.corrections.posted).toEqual([]);
    expect(after.notices.posted).toEqual([]);
    expect(after.dms.posted.map((d) => d.userId)).toEqual(["U1"]);
  });

  it("a replica that fell behind adopts the release another applied, and tells nothing of its own", async () => {
    server.body = releases36c3[0] as string;
    const clock = new FixedClock(berlinTime("2019-12-30T11:25"));
    await postHardwareDigest();
    const stars = new Map([[gatesId(), new Set(["U1"])]]);
    // Two replicas on one store, both on the first release; one's loop is held up.
    const ahead = start(clock, stars);
    const behind = start(clock, stars);
    await ahead.follower.first();
    ahead.follower.start();
    await behind.follower.first();
    // Two releases come out; only one replica polls in time for both.
    server.body = releases36c3[1] as string;
    await ahead.follower.pollNow("test");
    server.body = releases36c3[2] as string;
    await ahead.follower.pollNow("test");
    await ahead.follower.idle();
    expect(ahead.notices.posted).toHaveLength(2);

    // The other replica's loop runs again (as after a long GC pause, or a partition).
    behind.follower.start();
    expect(await behind.follower.pollNow("test")).toBe(false);
    await behind.follower.idle();
    expect(behind.log.matching(/was applied by another replica/)).toHaveLength(1);
    expect(behind.published.at(-1)).toBe(release36c3(2).talks.length);
    // Nothing diffed against the first release: no notice, DM or correction twice.
    expect([behind.notices.posted, behind.dms.posted, behind.corrections.posted]).toEqual([
      [],
      [],
      [],
    ]);
    expect((await store.appliedRelease(ahead.follower.poller.sourceSet))?.sequence).toBe(3);
  });

  it("cannot start from a source that is down with nothing archived, and says which", async () => {
    server.failWith = 503;
    const bot = start(new FixedClock(berlinTime("2019-12-27T09:00")));
    await expect(bot.follower.first()).rejects.toThrow(
      /^TALKBOT_SCHEDULE_URL \(http:\/\/127\.0\.0\.1:\d+\/[^)]*\): no source could be read, and no earlier release is archived/,
    );
  });
});
