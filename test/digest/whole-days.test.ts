import { describe, expect, it } from "vitest";
import { importFiles } from "../../src/catalog/import/import-files.ts";
import { loadCatalogFile } from "../../src/catalog/load.ts";
import type { Catalog } from "../../src/catalog/schema.ts";
import { planDay, planDigests, trackOf } from "../../src/digest/plan.ts";
import { startDigests } from "../../src/digest/scheduler.ts";
import { addDays, toOffsetIso, zonedInstant } from "../../src/time/zone.ts";
import { currentFrom } from "../support/snapshots.ts";
import {
  digestPort,
  FixedClock,
  fakeSlack,
  instantSleep,
  memoryStore,
  quietLogger,
  settingsOf,
} from "./helpers.ts";

const MIN = 60_000;

/** Every (track, start) pair of announceable talks on `day`, counted straight from the catalog. */
function slotsOn(catalog: Catalog, day: string): Set<string> {
  return new Set(
    catalog.talks
      .filter(
        (t) =>
          t.trackId && t.start && t.format?.toLowerCase() !== "break" && t.start.startsWith(day),
      )
      .map((t) => `${t.trackId} ${Date.parse(t.start as string)}`),
  );
}

/**
 * Runs the real scheduler over a whole local day on a clock that a one-minute
 * heartbeat and the sender's pacing both move forward, all posts to one channel.
 */
async function runDay(catalog: Catalog, day: string, zone: string) {
  const from = new Date(zonedInstant(day, "00:00", zone).getTime() - 60 * MIN);
  const to = zonedInstant(addDays(day, 1), "00:00", zone);
  const clock = new FixedClock(from);
  const slack = fakeSlack(clock);
  const logger = quietLogger();
  const store = await memoryStore();
  const runner = startDigests({
    settings: settingsOf(),
    current: currentFrom(() => catalog),
    port: digestPort(slack),
    clock,
    store,
    logger,
    heartbeat: () => ({ stop() {} }),
    engine: { sleep: instantSleep(clock) },
  });
  while (clock.now() < to) {
    clock.advance(MIN);
    await runner.tick();
    await runner.idle();
  }
  await runner.stop();
  return { slack, logger, store };
}

describe("the seed catalog (QCon London 2020)", () => {
  const catalog = loadCatalogFile("data/catalog.json");

  it("plans Tuesday's track digests ten minutes before each slot, in London time", () => {
    const plan = planDay(catalog, settingsOf(), "2020-03-03");
    expect(plan.map((d) => toOffsetIso(d.dueAt, "Europe/London").slice(11, 16))).toEqual([
      "10:25",
      "11:40",
      "13:30",
      "14:45",
      "16:00",
      "17:15",
    ]);
    expect(plan[0]?.talks.map((t) => t.title)).toEqual([
      "Evolution of Financial Exchange Architectures",
    ]);
    expect(plan.length).toBe(slotsOn(catalog, "2020-03-03").size);
  });

  it("announces nothing untimed: every other day of the catalog has no digest", () => {
    const days = new Set(planDigests(catalog, settingsOf()).map((d) => d.day));
    expect([...days]).toEqual(["2020-03-03"]);
    const untimed = catalog.talks.filter((t) => !t.start).map((t) => t.id);
    const announced = new Set(
      planDigests(catalog, settingsOf()).flatMap((d) => d.talks.map((t) => t.id)),
    );
    expect(untimed.length).toBeGreaterThan(0);
    expect(untimed.filter((id) => announced.has(id))).toEqual([]);
  });

  it("posts each of Tuesday's digests once, on time, through the scheduler", async () => {
    const { slack, logger } = await runDay(catalog, "2020-03-03", "Europe/London");
    expect(slack.posts.map((p) => toOffsetIso(p.at, "Europe/London").slice(11, 16))).toEqual([
      "10:25",
      "11:40",
      "13:30",
      "14:45",
      "16:00",
      "17:15",
    ]);
    expect(logger.lines.filter((l) => l.level !== "info")).toEqual([]);
  });
});

describe("FOSDEM 2026 (62 tracks, one shared channel)", async () => {
  const { catalog } = await importFiles(["../shared/fixtures/frab/fosdem-2026.xml"]);

  it("has a digest for every track slot of both days and nothing else", () => {
    expect(catalog.tracks).toHaveLength(62);
    for (const day of ["2026-01-31", "2026-02-01"]) {
      const plan = planDay(catalog, settingsOf(), day);
      const expected = slotsOn(catalog, day);
      expect(plan.length).toBe(expected.size);
      expect(new Set(plan.map((d) => `${trackOf(d)?.id} ${d.slotStart.getTime()}`))).toEqual(
        expected,
      );
      expect(plan.every((d) => d.dueAt.getTime() === d.slotStart.getTime() - 10 * MIN)).toBe(true);
    }
    const talks = planDigests(catalog, settingsOf()).reduce((n, d) => n + d.talks.length, 0);
    expect(talks).toBe(catalog.talks.filter((t) => t.start && t.trackId).length);
  });

  for (const day of ["2026-01-31", "2026-02-01"]) {
    it(`posts all of ${day}'s digests once and before their slots, paced on one channel`, async () => {
      const { slack, store } = await runDay(catalog, day, "Europe/Brussels");
      const plan = planDay(catalog, settingsOf(), day);
      expect(slack.posts).toHaveLength(plan.length);
      expect(new Set(slack.posts.map((p) => p.text)).size).toBe(plan.length);
      const settled = new Map((await store.deliveries()).map((e) => [e.key, e.status]));
      // (Started the night before, the bot rightly reports the previous day's evening as missed.)
      expect(plan.filter((d) => settled.get(d.key) !== "posted")).toEqual([]);
      // Never two posts to the channel within a second.
      for (let i = 1; i < slack.posts.length; i++) {
        const gap = (slack.posts[i]?.at.getTime() ?? 0) - (slack.posts[i - 1]?.at.getTime() ?? 0);
        expect(gap).toBeGreaterThanOrEqual(1000);
      }
    });
  }
});
