import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { FakeSlack } from "../e2e/fake-slack.ts";
import { type StoreUrl, testEngines } from "../support/stores.ts";

const POSTS = 1_000;
const CHANNELS = 50;
const worker = join(import.meta.dirname, "worker.ts");

let slack: FakeSlack;
beforeAll(async () => {
  // One post in 40 is taken by Slack and never answered: the poster times out.
  slack = await FakeSlack.start({
    chaos: (method) =>
      method === "chat.postMessage" && Math.random() < 0.025 ? { stall: true } : undefined,
  });
});
afterAll(async () => {
  await slack.close();
});

interface RaceOptions {
  location: StoreUrl;
  processes: number;
  /** While this runs, the race goes on; used to fill a disk for a while. */
  during?: (elapsedMs: number) => void;
}

/**
 * Keeps `processes` workers racing for the same posts, SIGKILLing one at random
 * every few hundred milliseconds and starting a new one, until the store says
 * every post is settled. Returns the store's records.
 */
async function race({ location, processes, during }: RaceOptions) {
  const env = {
    ...process.env,
    ...location,
    SLACK_API_URL: slack.apiUrl,
    RACE_POSTS: String(POSTS),
    RACE_CHANNELS: String(CHANNELS),
    RACE_POST_TIMEOUT_MS: "400",
    RACE_LEASE_MS: "1500",
  };
  const running = new Set<ChildProcess>();
  let stopped = false;
  const startOne = () => {
    // node itself, not the tsx wrapper: SIGKILL must reach the process that posts.
    const child = spawn(process.execPath, ["--import", "tsx", worker], {
      env,
      stdio: "ignore",
    });
    running.add(child);
    child.on("exit", () => {
      running.delete(child);
      if (!stopped) startOne();
    });
  };
  for (let i = 0; i < processes; i++) startOne();
  const store = await openStore(
    "DATABASE_URL" in location
      ? { engine: "postgres", url: location.DATABASE_URL }
      : { engine: "sqlite", stateDir: location.TALKBOT_STATE_DIR },
  );
  const began = Date.now();
  let kills = 0;
  let nextKill = began + 1_000;
  try {
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      during?.(Date.now() - began);
      // A worker dies about every second, mid-post as likely as not.
      const victim = [...running][Math.floor(Math.random() * running.size)];
      if (victim && Date.now() >= nextKill) {
        victim.kill("SIGKILL");
        kills++;
        nextKill = Date.now() + 500 + Math.random() * 900;
      }
      const settled = (await store.settledAmong(keys)).size;
      if (settled === POSTS) break;
      if (Date.now() - began > 240_000) throw new Error(`only ${settled} of ${POSTS} settled`);
    }
    return { records: await store.deliveries("race"), kills };
  } finally {
    stopped = true;
    for (const child of running) child.kill("SIGKILL");
    await store.close();
  }
}

const keys = Array.from({ length: POSTS }, (_, n) => `race:${n}`);

function duplicatesAndMisses(records: { key: string; status: string }[]) {
  const copies = keys.map((key) => slack.postedWithKey(key).length);
  return {
    duplicates: copies.filter((n) => n > 1).length,
    neverPosted: copies.filter((n) => n === 0).length,
    notRecordedPosted: records.filter((r) => r.status !== "posted").length,
  };
}

describe.each(testEngines)("racing replicas on $name", (engine) => {
  it(`post each of ${POSTS} messages exactly once through SIGKILLs and unanswered posts`, async () => {
    slack.history.clear();
    const db = await engine.fresh();
    try {
      const { records, kills } = await race({
        location: db.location,
        processes: engine.name === "postgres" ? 3 : 2,
      });
      // The race really ran through SIGKILLs (a fast machine finishes in seconds).
      expect(kills).toBeGreaterThanOrEqual(3);
      expect(records).toHaveLength(POSTS);
      expect(duplicatesAndMisses(records)).toEqual({
        duplicates: 0,
        neverPosted: 0,
        notRecordedPosted: 0,
      });
    } finally {
      await db.drop();
    }
  }, 300_000);
});

/** A small tmpfs to fill up, or null when this machine cannot mount one. */
function smallTmpfs(): string | null {
  const dir = mkdtempSync(join(tmpdir(), "talkbot-full-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=32m", "tmpfs", dir], { stdio: "ignore" });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

const tmpfs = smallTmpfs();
if (!tmpfs) console.warn("race test: disk-full case skipped (cannot mount a tmpfs here)");

describe.runIf(tmpfs)("racing on SQLite while the disk fills up", () => {
  afterAll(() => {
    if (!tmpfs) return;
    // Lazily: a killed worker may still be letting go of its files.
    execFileSync("umount", ["-l", tmpfs]);
    rmSync(tmpfs, { recursive: true, force: true });
  });

  it("never posts a message twice, whatever writes fail", async () => {
    slack.history.clear();
    const stateDir = join(tmpfs as string, "state");
    mkdirSync(stateDir);
    const filler = join(tmpfs as string, "filler");
    let filled = false;
    let freeWhileFull = Number.POSITIVE_INFINITY;
    const { records } = await race({
      location: { TALKBOT_STATE_DIR: stateDir },
      processes: 2,
      during: (elapsed) => {
        // From 2 s to 6 s in, the disk has no room left; then it is freed.
        if (!filled && elapsed > 2_000) {
          filled = true;
          const before = statfsSync(tmpfs as string);
          try {
            writeFileSync(filler, Buffer.alloc(Number(before.bavail * before.bsize)));
          } catch {
            // Full already: what fitted stays until it is freed.
          }
          const after = statfsSync(tmpfs as string);
          freeWhileFull = Number(after.bavail * after.bsize);
        } else if (filled && elapsed > 6_000) {
          rmSync(filler, { force: true });
        }
      },
    });
    // The disk really was full for a while (under one page to spare).
    expect(freeWhileFull).toBeLessThan(4096);
    const found = duplicatesAndMisses(records);
    expect(found.duplicates).toBe(0);
    expect(found.notRecordedPosted).toBe(0);
  }, 300_000);
});
