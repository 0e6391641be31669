import { describe, expect, it } from "vitest";
import { FixedClock } from "../../../src/clock.ts";
import { MemoryReplayGuard } from "../../../src/slack/http/replay-guard.ts";

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
