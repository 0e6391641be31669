import { describe, expect, it } from "vitest";
import type { Catalog } from "../../src/catalog/schema.ts";
import {
  buildCandidate,
  type Candidate,
  checkRelease,
  decide,
  releaseIdOf,
} from "../../src/schedule/release.ts";
import { contentHash } from "../../src/schedule/source.ts";
import { catalogOf } from "../digest/helpers.ts";
import { berlin, cutTo, fosdem, releases36c3, truncatedXml } from "./release-server.ts";

const url = "https://fahrplan.example/36c3/schedule.json";
const body = (text: string, source = url) => [{ source, text }];

function catalogOfRelease(i: number): Catalog {
  const c = buildCandidate(body(releases36c3[i] as string), { timeZone: berlin });
  if (!c.ok) throw new Error(c.refusal.message);
  return c.catalog;
}

describe("a release's candidate catalog", () => {
  it("imports a frab export with the configured zone", () => {
    const c = buildCandidate(body(releases36c3[0] as string), { timeZone: berlin });
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.catalog.events.map((e) => [e.id, e.timeZone])).toEqual([["36c3", berlin]]);
    expect(c.catalog.talks.length).toBeGreaterThan(100);
    expect(c.catalog.talks[0]?.sources).toContain("schedule.json");
  });

  it("merges several sources into one catalog, one event each", () => {
    const c = buildCandidate(
      [
        { source: url, text: releases36c3[0] as string },
        { source: "/srv/fosdem.xml", text: fosdem },
      ],
      { timeZone: berlin },
    );
    if (!c.ok) throw new Error(c.refusal.message);
    expect(c.catalog.events.map((e) => e.id)).toEqual(["36c3", "fosdem-2026"]);
    expect(c.catalog.talks.filter((t) => t.eventId === "fosdem-2026")).toHaveLength(883);
  });

  it("does not parse: names the URL and the line", () => {
    const c = buildCandidate(body(truncatedXml, "https://fosdem.example/schedule.xml"));
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.refusal).toMatchObject({
      kind: "unparsable",
      source: "https://fosdem.example/schedule.xml",
      line: expect.any(Number),
    });
    expect(c.refusal.message).toMatch(
      /^does not parse: https:\/\/fosdem\.example\/schedule\.xml: not well-formed XML: line \d+, column \d+: /,
    );
  });

  it("does not parse: a zone-less export without the configured zone says what to set", () => {
    const c = buildCandidate(body(releases36c3[0] as string));
    if (c.ok) throw new Error("expected a refusal");
    expect(c.refusal.kind).toBe("unparsable");
    expect(c.refusal.message).toContain("does not say which time zone");
  });

  it("does not parse: truncated JSON, with its line", () => {
    const text = (releases36c3[0] as string).slice(0, 20_000);
    const c = buildCandidate(body(text), { timeZone: berlin });
    if (c.ok) throw new Error("expected a refusal");
    expect(c.refusal).toMatchObject({ kind: "unparsable", line: expect.any(Number) });
    expect(c.refusal.message).toMatch(/not valid JSON: line \d+, column \d+/);
  });

  it("fails validation: a catalog served as a source names the talk and the field", () => {
    const catalog = catalogOf(
      "Europe/London",
      ["Main"],
      [
        { id: "ok", track: "Main", start: new Date("2020-03-03T10:00:00Z") },
        { id: "bad", track: "Main", start: new Date("2020-03-03T11:00:00Z") },
      ],
    );
    const bad = catalog.talks[1] as Catalog["talks"][number];
    bad.end = "2020-03-03T10:30:00+00:00";
    const c = buildCandidate(body(JSON.stringify(catalog), "/srv/catalog.json"));
    if (c.ok) throw new Error("expected a refusal");
    expect(c.refusal).toMatchObject({ kind: "invalid", talkId: "bad", field: "end" });
    expect(c.refusal.message).toBe(
      'fails validation: talk "bad" field end: 2020-03-03T10:30:00+00:00 is before start 2020-03-03T11:00:00+00:00',
    );
  });

  it("a valid catalog served as a source is taken as it is", () => {
    const catalog = catalogOf("Europe/London", ["Main"], [{ id: "a", track: "Main" }]);
    const c = buildCandidate(body(JSON.stringify(catalog), "/srv/catalog.json"));
    expect(c.ok && c.catalog.talks.map((t) => t.id)).toEqual(["a"]);
  });
});

describe("deciding on a release", () => {
  const first = catalogOfRelease(0);

  it("applies the first release without announcing anything", () => {
    const d = checkRelease(null, body(releases36c3[0] as string), { timeZone: berlin });
    expect(d.apply).toBe(true);
    if (!d.apply) return;
    expect(d.first).toBe(true);
    expect(d.changes.changes).toEqual([]);
    expect(d.catalog.talks).toHaveLength(first.talks.length);
  });

  it("applies a later release with what changed against the catalog in force", () => {
    const d = checkRelease(catalogOfRelease(2), body(releases36c3[3] as string), {
      timeZone: berlin,
    });
    if (!d.apply) throw new Error(d.refusal.message);
    expect(d.first).toBe(false);
    // The same counts as `cli diff` prints for 36c3-3-dd → 36c3-4-hexdump.
    expect([
      d.changes.added.length,
      d.changes.removed.length,
      d.changes.moved.length,
      d.changes.retitled.length,
      d.changes.speakersChanged.length,
    ]).toEqual([1, 3, 5, 3, 9]);
  });

  it("refuses a release that removes more than half the talks: cut short?", () => {
    const inForce = catalogOfRelease(3);
    const d = checkRelease(inForce, body(cutTo(releases36c3[3] as string, 5)), {
      timeZone: berlin,
    });
    if (d.apply) throw new Error("expected a refusal");
    const n = inForce.talks.length;
    expect(d.refusal).toEqual({
      kind: "cut-short",
      before: n,
      after: 5,
      removed: n - 5,
      message: `cut short? it would remove ${n - 5} of the ${n} talks in force at once (5 left)`,
    });
  });

  it("applies a release that removes exactly half, and refuses one more", () => {
    const inForce = catalogOfRelease(0);
    const n = inForce.talks.length;
    const half: Candidate = {
      ok: true,
      catalog: { ...inForce, talks: inForce.talks.slice(0, Math.ceil(n / 2)) },
      skipped: [],
      warnings: [],
    };
    expect(decide(inForce, half).apply).toBe(true);
    const overHalf: Candidate = {
      ok: true,
      catalog: { ...inForce, talks: inForce.talks.slice(0, Math.ceil(n / 2) - 1) },
      skipped: [],
      warnings: [],
    };
    expect(decide(inForce, overHalf)).toMatchObject({
      apply: false,
      refusal: { kind: "cut-short" },
    });
    expect(decide(inForce, overHalf, { maxRemovedShare: 0.9 }).apply).toBe(true);
  });

  it("refuses a release with no talks at all, even as the first", () => {
    const empty: Candidate = {
      ok: true,
      catalog: { events: first.events, tracks: [], talks: [] },
      skipped: [],
      warnings: [],
    };
    expect(decide(null, empty)).toEqual({
      apply: false,
      refusal: { kind: "empty", message: "holds no talks" },
    });
  });

  it("passes a refused candidate's reason through", () => {
    const d = decide(first, buildCandidate(body(truncatedXml)));
    expect(d).toMatchObject({ apply: false, refusal: { kind: "unparsable" } });
  });
});

describe("release ids", () => {
  it("are the content hash for one source, and a hash of the hashes for several", () => {
    const a = contentHash("a");
    const b = contentHash("b");
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(releaseIdOf([a])).toBe(a);
    expect(releaseIdOf([a, b])).not.toBe(releaseIdOf([b, a]));
    expect(releaseIdOf([a, b])).toBe(releaseIdOf([a, b]));
  });
});
