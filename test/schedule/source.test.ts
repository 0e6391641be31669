import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { contentHash, ScheduleSource, ScheduleSourceError } from "../../src/schedule/source.ts";
import { ReleaseServer, recordingLogger, releases36c3 } from "./release-server.ts";

let server: ReleaseServer;
let url: string;

beforeEach(async () => {
  server = new ReleaseServer();
  url = await server.start();
});

afterEach(async () => {
  await server.close();
});

/** A source on a fake real-time clock that the test moves. */
function sourceAt(location: string, options: { intervalMs?: number; timeoutMs?: number } = {}) {
  const log = recordingLogger();
  const time = { now: 0 };
  const source = new ScheduleSource({
    location,
    logger: log.logger,
    intervalMs: options.intervalMs ?? 60_000,
    maxBackoffMs: 8 * 60_000,
    random: () => 0.5,
    realNow: () => time.now,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  return { source, log, time };
}

describe("an http(s) schedule source", () => {
  it("asks conditionally after the first fetch, and a 304 is 'unchanged'", async () => {
    server.body = releases36c3[0] as string;
    const { source } = sourceAt(url);
    const first = await source.fetch();
    expect(first).toMatchObject({
      kind: "changed",
      text: releases36c3[0],
      hash: contentHash(releases36c3[0] as string),
      etag: expect.stringMatching(/^"[0-9a-f]+"$/),
      lastModified: expect.stringMatching(/GMT$/),
    });
    expect(server.requests[0]?.headers["if-none-match"]).toBeUndefined();

    expect(await source.fetch()).toEqual({ kind: "unchanged", via: "not-modified" });
    const conditional = server.requests[1]?.headers;
    expect(conditional?.["if-none-match"]).toBe(first.kind === "changed" ? first.etag : "");
    expect(conditional?.["if-modified-since"]).toBe(
      first.kind === "changed" ? first.lastModified : "",
    );
    expect(server.statuses).toEqual([200, 304]);

    server.body = releases36c3[1] as string;
    expect(await source.fetch()).toMatchObject({ kind: "changed", text: releases36c3[1] });
  });

  it("sends the validators it was told to remember (after a restart)", async () => {
    server.body = releases36c3[0] as string;
    const { source: probe } = sourceAt(url);
    const served = await probe.fetch();
    if (served.kind !== "changed") throw new Error("expected a body");
    const { source } = sourceAt(url);
    source.remember({ hash: served.hash, etag: served.etag as string });
    expect(await source.fetch()).toEqual({ kind: "unchanged", via: "not-modified" });
    expect(server.requests.at(-1)?.headers["if-none-match"]).toBe(served.etag);
  });

  it("tells the same bytes again from new ones when the server has no validators", async () => {
    server.validators = false;
    server.body = releases36c3[0] as string;
    const { source } = sourceAt(url);
    expect((await source.fetch()).kind).toBe("changed");
    expect(await source.fetch()).toEqual({ kind: "unchanged", via: "same-content" });
    expect(server.statuses).toEqual([200, 200]);
  });

  it("logs once when it starts failing and once when it recovers, and backs off between", async () => {
    server.body = releases36c3[0] as string;
    const { source, log, time } = sourceAt(url);
    await source.fetch();
    server.failWith = 503;
    expect(await source.fetch()).toEqual({ kind: "failed", error: "HTTP 503 Service Unavailable" });
    // Not due yet: no request at all.
    expect(await source.fetch()).toMatchObject({ kind: "backing-off" });
    expect(server.requests).toHaveLength(2);
    for (let i = 0; i < 4; i++) {
      time.now += source.dueInMs();
      expect((await source.fetch()).kind).toBe("failed");
    }
    time.now += source.dueInMs();
    server.failWith = null;
    expect(await source.fetch()).toEqual({ kind: "unchanged", via: "not-modified" });
    expect(log.lines.map((l) => [l.level, l.text])).toEqual([
      [
        "warn",
        `schedule source ${url} is failing: HTTP 503 Service Unavailable; keeping the release in force and retrying with backoff`,
      ],
      ["info", `schedule source ${url} recovered after 23 minutes (5 failed attempts)`],
    ]);
    expect(source.isFailing).toBe(false);
    expect(source.delayMs()).toBe(60_000);
  });

  it("backs off doubling from twice the interval, capped, jittered, never under the interval", async () => {
    server.failWith = 500;
    const draws = [0, 0.999, 0, 0.999, 0.5, 0];
    const log = recordingLogger();
    const source = new ScheduleSource({
      location: url,
      logger: log.logger,
      intervalMs: 60_000,
      maxBackoffMs: 5 * 60_000,
      random: () => draws.shift() ?? 0,
      realNow: () => 0,
    });
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      await source.fetch({ force: true });
      delays.push(source.dueInMs());
    }
    // Ceilings 2, 4, 5 (cap), 5, 5, 5 minutes; the jitter picks in the upper half.
    expect(delays).toEqual([60_000, 239_880, 150_000, 299_850, 225_000, 150_000]);
    expect(log.lines).toHaveLength(1);
  });

  it("gives up on a server that does not answer, within the timeout", async () => {
    server.hang = true;
    const { source, log } = sourceAt(url, { timeoutMs: 200 });
    const started = Date.now();
    expect(await source.fetch()).toEqual({ kind: "failed", error: "no answer within 200 ms" });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(log.lines[0]?.text).toContain("is failing: no answer within 200 ms");
  });

  it("says why when nothing listens", async () => {
    await server.close();
    const { source } = sourceAt(url);
    const outcome = await source.fetch();
    expect(outcome).toMatchObject({
      kind: "failed",
      error: expect.stringContaining("ECONNREFUSED"),
    });
  });
});

describe("a file schedule source", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "talkbot-source-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads it again only when its size or mtime changed, and then only if its bytes did", async () => {
    const file = join(dir, "schedule.json");
    writeFileSync(file, releases36c3[0] as string);
    const { source } = sourceAt(file);
    expect(await source.fetch()).toMatchObject({ kind: "changed", text: releases36c3[0] });
    expect(await source.fetch()).toEqual({ kind: "unchanged", via: "same-file" });
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    expect(await source.fetch()).toEqual({ kind: "unchanged", via: "same-content" });
    writeFileSync(file, releases36c3[1] as string);
    expect(await source.fetch()).toMatchObject({ kind: "changed", text: releases36c3[1] });
  });

  it("fails, once logged, while the file is missing", async () => {
    const file = join(dir, "later.json");
    const { source, log, time } = sourceAt(`file://${file}`);
    expect(await source.fetch()).toMatchObject({ kind: "failed", error: /ENOENT/ });
    time.now += source.dueInMs();
    await source.fetch();
    writeFileSync(file, releases36c3[0] as string);
    time.now += source.dueInMs();
    expect((await source.fetch()).kind).toBe("changed");
    expect(log.lines.map((l) => l.level)).toEqual(["warn", "info"]);
    expect(source.label).toBe(file);
  });

  it("refuses a location that is neither http(s) nor a file", () => {
    expect(() => sourceAt("ftp://example.org/schedule.xml")).toThrow(ScheduleSourceError);
    expect(() => sourceAt("  ")).toThrow(ScheduleSourceError);
  });
});
