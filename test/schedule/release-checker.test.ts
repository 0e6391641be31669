import { afterEach, describe, expect, it } from "vitest";
import {
  inThisThread,
  type ReleaseChecker,
  workerChecker,
} from "../../src/schedule/release-checker.ts";
import { berlin, cutTo, releases36c3, truncatedXml } from "./release-server.ts";

const body = (i: number) => [{ source: "schedule.json", text: releases36c3[i] as string }];
const options = { timeZone: berlin };
let checker: ReleaseChecker | null = null;

afterEach(() => {
  checker?.close();
  checker = null;
});

describe("checking releases in a worker thread", () => {
  it("decides as this thread does: the first release, then a diff against the one in force", async () => {
    checker = workerChecker();
    const first = await checker.check(null, body(0), options);
    const here = await inThisThread.check(null, body(0), options);
    expect(first).toEqual(here);
    if (!first.apply || !here.apply) throw new Error("refused");
    expect(first.first).toBe(true);

    // The catalog in force is the worker's own: named by id, the diff is the same.
    const next = await checker.check(first.catalog, body(1), options);
    expect(next).toEqual(await inThisThread.check(here.catalog, body(1), options));
    if (!next.apply) throw new Error("refused");
    expect(next.changes.moved.map((c) => c.after?.title)).toContain(
      "Understanding millions of gates",
    );
  });

  it("refuses what this thread refuses, with the same reason", async () => {
    checker = workerChecker();
    const first = await checker.check(null, body(3), options);
    if (!first.apply) throw new Error("refused");
    const broken = [{ source: "fosdem.xml", text: truncatedXml }];
    expect(await checker.check(first.catalog, broken, options)).toEqual(
      await inThisThread.check(first.catalog, broken, options),
    );
    const cut = [{ source: "schedule.json", text: cutTo(releases36c3[3] as string, 5) }];
    const refused = await checker.check(first.catalog, cut, options);
    expect(refused).toMatchObject({ apply: false, refusal: { kind: "cut-short", removed: 156 } });
  });

  it("a new worker (the last one stopped) is sent the catalog in force, not an id it never gave", async () => {
    checker = workerChecker();
    const first = await checker.check(null, body(0), options);
    if (!first.apply) throw new Error("refused");
    checker.close();
    const next = await checker.check(first.catalog, body(1), options);
    expect(next).toEqual(await inThisThread.check(first.catalog, body(1), options));
  });

  it("builds a restored release, and diffs later ones against it", async () => {
    checker = workerChecker();
    const restored = await checker.build(body(2), options);
    if (!restored.ok) throw new Error("refused");
    const next = await checker.check(restored.catalog, body(3), options);
    expect(next).toEqual(await inThisThread.check(restored.catalog, body(3), options));
  });
});
