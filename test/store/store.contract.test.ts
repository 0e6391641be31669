import { describe, expect, it } from "vitest";
import { storeHarness, testEngines } from "../support/stores.ts";

/** The same behaviour on every engine: what the delivery engine and the listeners rely on. */
describe.each(testEngines)("store contract on $name", (engine) => {
  const { two, later } = storeHarness(engine);
  const at = new Date("2020-03-03T10:25:00Z");

  it("applies its migrations once and reports them", async () => {
    const [a, b] = await two();
    const states = await a.migrations();
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((m) => m.executedAt instanceof Date)).toBe(true);
    expect(await b.migrate()).toEqual(states);
  });

  it("gives a key to exactly one of many racing claimants across connections", async () => {
    const [a, b] = await two();
    const attempts = Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? a : b).claim("digest:race", "digest", `holder-${i}`, 60_000),
    );
    const won = (await Promise.all(attempts)).filter((c) => c !== null);
    expect(won).toHaveLength(1);
  });

  it("lets the holder renew, refuses others while the lease runs, and never reopens a settled key", async () => {
    const [a, b] = await two();
    expect(await a.claim("k", "digest", "h1", 60_000)).toEqual({
      key: "k",
      inDoubt: false,
      postingSince: null,
    });
    expect(await b.claim("k", "digest", "h2", 60_000)).toBeNull();
    expect(await a.claim("k", "digest", "h1", 60_000)).not.toBeNull();
    expect(await b.settle("k", "h2", { status: "missed", detail: "x" }, at)).toBe(false);
    expect(
      await a.settle("k", "h1", { status: "posted", channel: "C1", ts: "1583231100.000100" }, at),
    ).toBe(true);
    expect(await a.claim("k", "digest", "h1", 60_000)).toBeNull();
    expect(await b.claim("k", "digest", "h2", -1)).toBeNull();
    expect(await b.delivery("k")).toMatchObject({
      status: "posted",
      channel: "C1",
      ts: "1583231100.000100",
      settledAt: at.toISOString(),
    });
  });

  it("hands an expired claim to the next holder, with the unknown outcome of the dead one's post", async () => {
    const [a, b] = await two();
    expect(await a.claim("k", "digest", "dead", -1)).not.toBeNull();
    expect(await a.beginPost("k", "dead", -1)).toBe(true);
    const taken = await b.claim("k", "digest", "alive", 60_000);
    expect(taken?.inDoubt).toBe(true);
    expect(typeof taken?.postingSince).toBe("number");
    // The dead holder, waking up, may not post or settle any more.
    expect(await a.beginPost("k", "dead", 60_000)).toBe(false);
    expect(await a.settle("k", "dead", { status: "missed", detail: "late" }, at)).toBe(false);
    await b.endDoubt("k", "alive");
    expect((await b.claim("k", "digest", "alive", 60_000))?.inDoubt).toBe(false);
  });

  it("answers which keys are settled, beyond one statement's parameter limit", async () => {
    const [a] = await two();
    const keys = Array.from({ length: 1_200 }, (_, i) => `k${i}`);
    await a.importSettled(
      keys
        .filter((_, i) => i % 3 === 0)
        .map((key) => ({
          key,
          kind: "digest",
          outcome: { status: "missed", detail: "old" },
          at: "",
        })),
    );
    await a.claim("k1", "digest", "h", 60_000);
    const settled = await a.settledAmong(keys);
    expect(settled.size).toBe(400);
    expect(settled.has("k0") && settled.has("k1197") && !settled.has("k1")).toBe(true);
  });

  it("imports an older ledger once, keeping what it already knows", async () => {
    const [a] = await two();
    await a.claim("k1", "digest", "h", 60_000);
    await a.settle("k1", "h", { status: "posted", channel: "C1", ts: "1.1" }, at);
    const rows = [
      { key: "k1", kind: "digest", outcome: { status: "missed" as const, detail: "old" }, at: "" },
      {
        key: "k2",
        kind: "digest",
        outcome: { status: "posted" as const, channel: "C2", ts: "2.2" },
        at: at.toISOString(),
      },
    ];
    expect(await a.importSettled(rows)).toBe(1);
    expect(await a.importSettled(rows)).toBe(0);
    expect((await a.delivery("k1"))?.status).toBe("posted");
    expect(await a.delivery("k2")).toMatchObject({ status: "posted", channel: "C2", ts: "2.2" });
  });

  it("sees an id once across connections, and again after it expires", async () => {
    const [a, b] = await two();
    expect(await a.firstSeen("event", "Ev1", 60_000)).toBe(true);
    expect(await b.firstSeen("event", "Ev1", 60_000)).toBe(false);
    expect(await b.firstSeen("signature", "Ev1", 60_000)).toBe(true);
    expect(await a.firstSeen("event", "Ev2", -1)).toBe(true);
    expect(await b.firstSeen("event", "Ev2", 60_000)).toBe(true);
  });

  it("keeps track identities per event", async () => {
    const [a, b] = await two();
    await a.saveTrackIdentities("ev", [{ trackId: "t1", identity: "t0", talkIds: ["x", "y"] }]);
    await a.saveTrackIdentities("ev", [{ trackId: "t1", identity: "t1", talkIds: ["y"] }]);
    expect([...(await b.trackIdentities("ev"))]).toEqual([
      ["t1", { identity: "t1", talkIds: ["y"] }],
    ]);
    expect((await b.trackIdentities("other")).size).toBe(0);
  });

  it("keeps everything across a reopen", async () => {
    const db = await engine.fresh();
    later(db.drop);
    const first = await db.open();
    await first.claim("k", "digest", "h", 60_000);
    await first.settle(
      "k",
      "h",
      { status: "failed", detail: "channel_not_found", channel: "C9" },
      at,
    );
    await first.close();
    const again = await db.open();
    later(() => again.close());
    expect(await again.deliveries("digest")).toEqual([
      expect.objectContaining({ key: "k", status: "failed", detail: "channel_not_found" }),
    ]);
  });
});
