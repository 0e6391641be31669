import { describe, expect, it } from "vitest";
import { snapshotOf, snapshotSlot } from "../src/snapshot.ts";
import { seedCatalog } from "./slack/fixtures.ts";

describe("snapshotOf", () => {
  it("hands out the catalog with its lookups and search, built from that catalog", () => {
    const snapshot = snapshotOf(seedCatalog);
    expect(snapshot.catalog).toBe(seedCatalog);
    expect(snapshot.talk("t2")).toBe(seedCatalog.talks[1]);
    expect(snapshot.talk("gone")).toBeUndefined();
    expect(snapshot.lookup.tracks.get("arch")?.name).toMatch(/^Architectures/);
    const now = new Date("2020-03-03T09:00:00Z");
    expect(snapshot.search.search("kafka", { now }).hits[0]?.talk).toBe(seedCatalog.talks[0]);
  });

  it("keeps one instance of each slot per snapshot, made on first use", () => {
    let made = 0;
    const slot = snapshotSlot((s) => ({ n: ++made, talks: s.catalog.talks.length }));
    const a = snapshotOf(seedCatalog);
    const b = snapshotOf(seedCatalog);
    expect(made).toBe(0);
    expect(a.cache(slot)).toBe(a.cache(slot));
    expect(a.cache(slot)).toEqual({ n: 1, talks: 3 });
    expect(b.cache(slot).n).toBe(2);
    expect(made).toBe(2);
  });
});
