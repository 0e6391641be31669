import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sourceSetKey } from "../../src/schedule/archive.ts";
import { SchedulePoller, type ScheduleRelease } from "../../src/schedule/poller.ts";
import type { Store } from "../../src/store/store.ts";
import { berlin, recordingLogger, releases36c3 } from "../schedule/release-server.ts";
import { storeHarness, testEngines } from "../support/stores.ts";

/** The schedule's archive and the applied-release record: the same on every engine. */
describe.each(testEngines)("release archive on $name", (engine) => {
  const { two, later } = storeHarness(engine);
  const src = "https://fahrplan.example/36c3/schedule.json";

  it("keeps each source's last release, validators included, for another connection", async () => {
    const [a, b] = await two();
    expect(await b.lastRelease(src)).toBeNull();
    await a.saveRelease(src, { releaseId: "r1", body: "one", etag: '"e1"' });
    await a.saveRelease("/srv/other.xml", {
      releaseId: "r1",
      body: "other",
      lastModified: "Fri, 27 Dec 2019 09:01:00 GMT",
    });
    expect(await b.lastRelease(src)).toEqual({ releaseId: "r1", body: "one", etag: '"e1"' });
    expect(await b.lastRelease("/srv/other.xml")).toEqual({
      releaseId: "r1",
      body: "other",
      lastModified: "Fri, 27 Dec 2019 09:01:00 GMT",
    });
    // A later save replaces the validators too: none now.
    await b.saveRelease(src, { releaseId: "r2", body: "two" });
    expect(await a.lastRelease(src)).toEqual({ releaseId: "r2", body: "two" });
  });

  it("keeps the release before the last one, and the same release saved again does not move it", async () => {
    const [a, b] = await two();
    await a.saveRelease(src, { releaseId: "r1", body: "one" });
    expect(await b.previousRelease(src)).toBeNull();
    await a.saveRelease(src, { releaseId: "r1", body: "one", etag: '"e1"' });
    expect(await b.previousRelease(src)).toBeNull();
    await a.saveRelease(src, { releaseId: "r2", body: "two", etag: '"e2"' });
    expect(await b.previousRelease(src)).toEqual({ releaseId: "r1", body: "one" });
    await b.saveRelease(src, { releaseId: "r2", body: "two", etag: '"e2b"' });
    expect(await a.previousRelease(src)).toEqual({ releaseId: "r1", body: "one" });
    await b.saveRelease(src, { releaseId: "r3", body: "three" });
    expect(await a.previousRelease(src)).toEqual({ releaseId: "r2", body: "two" });
    expect(await a.lastRelease(src)).toEqual({ releaseId: "r3", body: "three" });
  });

  it("holds a real export whole, non-ASCII included", async () => {
    const [a, b] = await two();
    const body = releases36c3[0] as string;
    expect(body).toMatch(/ü/);
    await a.saveRelease(src, { releaseId: "r1", body });
    await a.saveRelease(src, { releaseId: "r2", body: releases36c3[1] as string });
    expect((await b.lastRelease(src))?.body).toBe(releases36c3[1]);
    expect((await b.previousRelease(src))?.body).toBe(body);
  });

  it("records which release a set of sources last applied", async () => {
    const [a, b] = await two();
    const set = sourceSetKey([src, "/srv/other.xml"]);
    expect(set).not.toBe(sourceSetKey(["/srv/other.xml", src]));
    expect(await b.appliedRelease(set)).toBeNull();
    await a.markReleaseApplied(set, {
      releaseId: "r1",
      previousReleaseId: null,
      appliedAt: "2019-12-27T09:00:00.000Z",
      sequence: 1,
    });
    await a.markReleaseApplied(set, {
      releaseId: "r2",
      previousReleaseId: "r1",
      appliedAt: "2019-12-27T13:05:00.000Z",
      sequence: 2,
    });
    expect(await b.appliedRelease(set)).toEqual({
      releaseId: "r2",
      previousReleaseId: "r1",
      appliedAt: "2019-12-27T13:05:00.000Z",
      sequence: 2,
    });
    expect(await b.appliedRelease(sourceSetKey([src]))).toBeNull();
  });

  it("is the poller's archive: a restart serves the last applied release with the source gone", async () => {
    const [a, b] = await two();
    const dir = mkdtempSync(join(tmpdir(), "talkbot-release-store-"));
    later(async () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, "schedule.json");
    const follow = (archive: Store) => {
      const released: ScheduleRelease[] = [];
      const poller = new SchedulePoller({
        sources: [file],
        archive,
        timeZone: berlin,
        logger: recordingLogger().logger,
        onRelease: (r) => void released.push(r),
      });
      return { poller, released };
    };
    const first = follow(a);
    writeFileSync(file, releases36c3[0] as string);
    expect((await first.poller.pollOnce()).kind).toBe("applied");
    writeFileSync(file, releases36c3[1] as string);
    // A file source is polled by size and mtime: make sure the change is seen.
    const applied = await first.poller.pollOnce();
    expect(applied.kind).toBe("applied");
    rmSync(file);

    const after = follow(b);
    const restored = await after.poller.start();
    await after.poller.stop();
    expect(restored).toMatchObject({ restored: true, first: false });
    expect(restored?.releaseId).toBe(first.released[1]?.releaseId);
    expect(restored?.catalog).toEqual(first.released[1]?.catalog);
    expect((await b.previousRelease(file))?.releaseId).toBe(first.released[0]?.releaseId);
  });
});
