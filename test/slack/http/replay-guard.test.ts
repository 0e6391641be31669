import { describe, expect, it } from "vitest";
import { FixedClock } from "../../../src/clock.ts";
import { MemoryReplayGuard, storeReplayGuard } from "../../../src/slack/http/replay-guard.ts";
import { testEngines } from "../../support/stores.ts";

describe("MemoryReplayGuard", () => {
  const start = new Date("2020-03-03T09:00:00Z");
  const inFiveMinutes = start.getTime() + 5 * 60_000;

  it("lets a signature through once while it is fresh", async () => {
    const guard = new MemoryReplayGuard(new FixedClock(start));
    expect(await guard.firstSeen("v0=aa", inFiveMinutes)).toBe(true);
    expect(await guard.firstSeen("v0=aa", inFiveMinutes)).toBe(false);
    expect(await guard.firstSeen("v0=bb", inFiveMinutes)).toBe(true);
  });

  it("forgets a signature once its request would be stale anyway", async () => {
    const clock = new FixedClock(start);
    const guard = new MemoryReplayGuard(clock);
    await guard.firstSeen("v0=aa", inFiveMinutes);
    for (let i = 0; i < 100; i++) await guard.firstSeen(`v0=${i}`, inFiveMinutes);
    clock.advance(5 * 60_000);
    expect(await guard.firstSeen("v0=new", inFiveMinutes + 5 * 60_000)).toBe(true);
    // The sweep dropped everything that expired: memory stays bounded by the window.
    expect(guard.size).toBe(1);
    expect(await guard.firstSeen("v0=aa", inFiveMinutes + 5 * 60_000)).toBe(true);
  });
});

describe.each(testEngines)("storeReplayGuard on $name", (engine) => {
  it("refuses a signature replayed to another replica on the same store", async () => {
    const db = await engine.fresh();
    const [a, b] = [await db.open(), await db.open()];
    try {
      const clock = new FixedClock(new Date());
      const expiresAt = clock.now().getTime() + 5 * 60_000;
      const errors: unknown[] = [];
      const replicaA = storeReplayGuard(a, clock, (e) => errors.push(e));
      const replicaB = storeReplayGuard(b, clock, (e) => errors.push(e));
      expect(await replicaA.firstSeen("v0=aa", expiresAt, true)).toBe(true);
      expect(await replicaB.firstSeen("v0=aa", expiresAt, true)).toBe(false);
      expect(await replicaB.firstSeen("v0=bb", expiresAt, true)).toBe(true);
      // A /talk is checked in memory only: it never waits for the database.
      expect(await replicaA.firstSeen("v0=cc", expiresAt, false)).toBe(true);
      expect(await replicaB.firstSeen("v0=cc", expiresAt, false)).toBe(true);
      expect(await replicaA.firstSeen("v0=cc", expiresAt, false)).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await a.close();
      await b.close();
      await db.drop();
    }
  });

  it("still refuses a replay to the same replica while the store is down", async () => {
    const clock = new FixedClock(new Date());
    const down = {
      firstSeen: async () => {
        throw new Error("connection refused");
      },
    };
    const errors: unknown[] = [];
    const guard = storeReplayGuard(down, clock, (e) => errors.push(e));
    const expiresAt = clock.now().getTime() + 60_000;
    expect(await guard.firstSeen("v0=aa", expiresAt, true)).toBe(true);
    expect(await guard.firstSeen("v0=aa", expiresAt, true)).toBe(false);
    expect(errors).toHaveLength(1);
  });
});
