import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { diff } from "../../src/catalog/diff.ts";
import { MemoryReleaseArchive } from "../../src/schedule/archive.ts";
import {
  type PollResult,
  SchedulePoller,
  type ScheduleRelease,
  type Sleep,
} from "../../src/schedule/poller.ts";
import { buildCandidate } from "../../src/schedule/release.ts";
import { contentHash } from "../../src/schedule/source.ts";
import {
  berlin,
  cutTo,
  fosdem,
  ReleaseServer,
  recordingLogger,
  releases36c3,
  truncatedXml,
} from "./release-server.ts";

let server: ReleaseServer;
let url: string;

beforeEach(async () => {
  server = new ReleaseServer();
  url = await server.start();
});

afterEach(async () => {
  await server.close();
});

function follower(archive = new MemoryReleaseArchive(), sources = [url]) {
  const log = recordingLogger();
  const released: ScheduleRelease[] = [];
  const time = { now: 0 };
  const poller = new SchedulePoller({
    sources,
    archive,
    timeZone: berlin,
    intervalSeconds: 60,
    onRelease: (r) => void released.push(r),
    logger: log.logger,
    random: () => 0.5,
    realNow: () => time.now,
  });
  /** Moves the fake real time on to when the poller would poll next, and polls. */
  const pollLater = async (): Promise<PollResult> => {
    time.now += poller.nextDelayMs();
    return poller.pollOnce();
  };
  return { poller, archive, log, released, time, pollLater };
}

function catalogOf(text: string) {
  const c = buildCandidate([{ source: url, text }], { timeZone: berlin });
  if (!c.ok) throw new Error(c.refusal.message);
  return c.catalog;
}

describe("following a schedule over HTTP", () => {
  it("applies the 36C3 releases in turn, refuses the broken and the cut-short one", async () => {
    const { poller, archive, log, released, pollLater } = follower();

    // Release 1: the first, applied without announcements.
    server.body = releases36c3[0] as string;
    const first = await poller.pollOnce();
    expect(first.kind).toBe("applied");
    expect(released).toHaveLength(1);
    expect(released[0]).toMatchObject({
      first: true,
      restored: false,
      releaseId: contentHash(releases36c3[0] as string),
    });
    expect(released[0]?.changes.changes).toEqual([]);
    expect(poller.current()).toBe(released[0]?.catalog);
    expect(archive.records.get(url)).toMatchObject({
      releaseId: released[0]?.releaseId,
      body: releases36c3[0],
      etag: expect.any(String),
      lastModified: expect.any(String),
    });

    // Nothing new: a 304, and nothing imported, diffed or handed on.
    expect(await pollLater()).toEqual({ kind: "unchanged" });
    expect(server.statuses).toEqual([200, 304]);
    expect(server.requests[1]?.headers["if-none-match"]).toBe(archive.records.get(url)?.etag);
    expect(released).toHaveLength(1);

    // Releases 2, 3 and 4: each diffed against the one before.
    for (let i = 1; i < 4; i++) {
      server.body = releases36c3[i] as string;
      const result = await pollLater();
      expect(result.kind).toBe("applied");
      const release = released[i] as ScheduleRelease;
      expect(release.first).toBe(false);
      expect(release.changes).toEqual(
        diff(catalogOf(releases36c3[i - 1] as string), catalogOf(releases36c3[i] as string)),
      );
    }
    expect(released[2]?.changes.roomRenames.map((r) => `${r.from} → ${r.to}`)).toEqual([
      "Adams → Ada",
    ]);
    expect(released[3]?.changes.removed).toHaveLength(3);
    const inForce = released[3]?.catalog;

    // A broken upload: refused, logged once, the catalog in force kept.
    server.body = truncatedXml;
    const broken = await pollLater();
    expect(broken).toMatchObject({
      kind: "refused",
      logged: true,
      refusal: { kind: "unparsable" },
    });
    expect(poller.current()).toBe(inForce);
    expect(await pollLater()).toEqual({ kind: "unchanged" }); // 304 for the same broken bytes
    poller.sources[0]?.forget(); // downloaded and refused again: not logged again
    expect(await pollLater()).toMatchObject({ kind: "refused", logged: false });
    const refusedLines = log.matching(/not applied/);
    expect(refusedLines).toHaveLength(1);
    expect(refusedLines[0]?.text).toMatch(
      new RegExp(
        `^schedule release [0-9a-f]{16} not applied: does not parse: ${url.replace(/[.]/g, "\\.")}: not well-formed XML: line \\d+, column \\d+: `,
      ),
    );

    // An export cut to a handful of talks: refused, with the counts.
    server.body = cutTo(releases36c3[3] as string, 4);
    const cut = await pollLater();
    const n = inForce?.talks.length ?? 0;
    expect(cut).toMatchObject({
      kind: "refused",
      refusal: { kind: "cut-short", before: n, after: 4, removed: n - 4 },
    });
    expect(log.matching(/not applied: cut short\? it would remove/)).toHaveLength(1);
    expect(poller.current()).toBe(inForce);
    expect(released).toHaveLength(4);
    // What a restart would serve: the last release applied, not the refused ones.
    expect(archive.records.get(url)?.body).toBe(releases36c3[3]);
    expect(archive.saves.get(url)).toBe(4);
  });

  it("logs one line when the source starts failing and one when it recovers", async () => {
    const { poller, log, released, pollLater } = follower();
    server.body = releases36c3[0] as string;
    await poller.pollOnce();
    server.failWith = 502;
    for (let i = 0; i < 5; i++) expect((await pollLater()).kind).toBe("unchanged");
    expect(server.statuses).toEqual([200, 502, 502, 502, 502, 502]);
    server.failWith = null;
    server.body = releases36c3[1] as string;
    expect((await pollLater()).kind).toBe("applied");
    expect(log.matching(/is failing/)).toHaveLength(1);
    expect(log.matching(/recovered after/)).toHaveLength(1);
    expect(log.matching(/is failing/)[0]?.level).toBe("warn");
    expect(released.map((r) => r.first)).toEqual([true, false]);
  });

  it("after a restart with the source down, serves the last applied release and announces nothing", async () => {
    const before = follower();
    server.body = releases36c3[0] as string;
    await before.poller.pollOnce();
    server.body = releases36c3[1] as string;
    await before.pollLater();
    const lastApplied = before.released[1] as ScheduleRelease;

    server.failWith = 503;
    const after = follower(before.archive);
    const restored = await after.poller.restore();
    expect(restored).toMatchObject({
      restored: true,
      first: false,
      releaseId: lastApplied.releaseId,
    });
    expect(restored?.changes.changes).toEqual([]);
    expect(restored?.catalog).toEqual(lastApplied.catalog);
    expect(after.released).toEqual([restored]);
    expect(after.poller.current()).toEqual(lastApplied.catalog);
    expect((await after.poller.pollOnce()).kind).toBe("unchanged");
    expect(after.log.matching(/is failing/)).toHaveLength(1);

    // Back up with the same release: a 304 (conditional on the archived ETag), nothing announced.
    server.failWith = null;
    expect(await after.pollLater()).toEqual({ kind: "unchanged" });
    expect(server.requests.at(-1)).toMatchObject({
      status: 304,
      headers: { "if-none-match": before.archive.records.get(url)?.etag },
    });
    // And the next release is compared with the restored one, not taken as a first.
    server.body = releases36c3[2] as string;
    expect((await after.pollLater()).kind).toBe("applied");
    expect(after.released[1]).toMatchObject({ first: false, restored: false });
    expect(after.released[1]?.changes.changes.length).toBeGreaterThan(0);
  });

  it("does not apply a release whose handler failed, and tries it again next poll", async () => {
    const archive = new MemoryReleaseArchive();
    const log = recordingLogger();
    let fail = true;
    const released: ScheduleRelease[] = [];
    const poller = new SchedulePoller({
      sources: [url],
      archive,
      timeZone: berlin,
      logger: log.logger,
      onRelease: (r) => {
        if (fail) throw new Error("store unavailable");
        released.push(r);
      },
    });
    server.body = releases36c3[0] as string;
    expect(await poller.pollOnce()).toMatchObject({
      kind: "not-applied",
      error: "store unavailable",
    });
    expect(archive.records.size).toBe(0);
    expect(poller.current()).toBeNull();
    fail = false;
    expect((await poller.pollOnce()).kind).toBe("applied");
    expect(server.statuses).toEqual([200, 200]);
    expect(released[0]?.first).toBe(true);
  });

  it("merges several sources, and keeps a failing one's last text while another changes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "talkbot-poller-"));
    const file = join(dir, "fosdem.xml");
    writeFileSync(file, fosdem);
    const { poller, released, pollLater } = follower(new MemoryReleaseArchive(), [url, file]);
    server.body = releases36c3[0] as string;
    await poller.pollOnce();
    expect(released[0]?.catalog.events.map((e) => e.id)).toEqual(["36c3", "fosdem-2026"]);
    expect(released[0]?.releaseId).toMatch(/^[0-9a-f]{16}$/);

    server.failWith = 503;
    writeFileSync(file, fosdem.replace(/<title>([^<]+)<\/title>/, "<title>FOSDEM 2026!</title>"));
    const result = await pollLater();
    expect(result.kind).toBe("applied");
    expect(released[1]?.catalog.events.map((e) => e.id)).toEqual(["36c3", "fosdem-2026"]);
    expect(released[1]?.catalog.talks.filter((t) => t.eventId === "36c3").length).toBe(
      released[0]?.catalog.talks.filter((t) => t.eventId === "36c3").length,
    );
  });

  it("refuses the same source given twice", () => {
    expect(() => follower(new MemoryReleaseArchive(), [url, url])).toThrow(/given twice/);
  });
});

describe("the polling loop", () => {
  it("polls at once, then every interval, backing off while the source fails", async () => {
    const log = recordingLogger();
    const time = { now: 0 };
    const waits: number[] = [];
    let wake: (() => void) | null = null;
    let slept: (() => void) | null = null;
    const sleep: Sleep = (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        waits.push(ms);
        time.now += ms;
        wake = resolve;
        signal.addEventListener("abort", () => reject(signal.reason), { once: true });
        slept?.();
      });
    const nextSleep = () =>
      new Promise<void>((resolve) => {
        slept = resolve;
      });
    const released: ScheduleRelease[] = [];
    const poller = new SchedulePoller({
      sources: [url],
      archive: new MemoryReleaseArchive(),
      timeZone: berlin,
      intervalSeconds: 300,
      onRelease: (r) => void released.push(r),
      logger: log.logger,
      sleep,
      random: () => 0.5,
      realNow: () => time.now,
    });
    server.body = releases36c3[0] as string;
    let asleep = nextSleep();
    expect(await poller.start()).toBeNull(); // nothing archived
    await asleep;
    expect(released).toHaveLength(1);
    server.failWith = 500;
    for (let i = 0; i < 3; i++) {
      asleep = nextSleep();
      (wake as unknown as () => void)();
      await asleep;
    }
    await poller.stop();
    // 300 s while healthy; then 1.5×, 3×, 3× the interval (capped at 15 min, jitter 0.5).
    expect(waits).toEqual([300_000, 450_000, 675_000, 675_000]);
    expect(server.statuses).toEqual([200, 500, 500, 500]);
    expect(log.matching(/is failing/)).toHaveLength(1);
  });
});
