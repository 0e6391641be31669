import { describe, expect, it } from "vitest";
import { diff } from "../../src/catalog/diff.ts";
import { changesByTrack } from "../../src/schedule/changes-by-track.ts";
import { buildCandidate } from "../../src/schedule/release.ts";
import { berlin, releases36c3 } from "./release-server.ts";

function catalog(i: number) {
  const c = buildCandidate([{ source: "s.json", text: releases36c3[i] as string }], {
    timeZone: berlin,
  });
  if (!c.ok) throw new Error(c.refusal.message);
  return c.catalog;
}

describe("a release's changes, track by track", () => {
  it("tells a talk that changed track to both tracks, and a room rename to none", () => {
    const d = diff(catalog(1), catalog(2));
    const groups = changesByTrack(d);
    expect(groups.map((g) => g.trackName)).toEqual([...groups.map((g) => g.trackName)].sort());
    const kindsIn = (name: string) =>
      groups.find((g) => g.trackName === name)?.items.map((i) => `${i.kind} ${i.change.talkId}`);
    const moved = d.retracked[0]?.talkId;
    expect(kindsIn("Art & Culture")).toContain(`left ${moved}`);
    expect(kindsIn("Resilience & Sustainability")).toContain(`joined ${moved}`);
    // 37 talks "moved" from Adams to Ada, all by the rename: none is listed.
    const all = groups.flatMap((g) => g.items);
    expect(all.filter((i) => i.kind === "moved")).toEqual([]);
    expect(d.roomRenames).toHaveLength(1);
  });

  it("lists every kind of change once per talk and kind, in programme order", () => {
    const d = diff(catalog(2), catalog(3));
    const all = changesByTrack(d).flatMap((g) => g.items);
    expect(all.filter((i) => i.kind === "removed")).toHaveLength(3);
    expect(all.filter((i) => i.kind === "added")).toHaveLength(1);
    expect(all.filter((i) => i.kind === "moved")).toHaveLength(5);
    expect(all.filter((i) => i.kind === "retitled")).toHaveLength(3);
    expect(all.filter((i) => i.kind === "speakers")).toHaveLength(9);
  });
});
