import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { FakeSlack } from "./fake-slack.ts";

let fake: FakeSlack;
beforeAll(async () => {
  fake = await FakeSlack.start();
});
afterAll(() => fake.close());

function talkbot(env: Record<string, string>): { child: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  return { child, stderr: () => err };
}

/** Polls `check` until it holds; the fake's own waitFor only re-checks when Slack is called. */
async function eventually(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`not seen within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

describe("npm start (src/main.ts) as a process", () => {
  it("prints every configuration problem without a stack trace and exits 1", async () => {
    const { child, stderr } = talkbot({ SLACK_BOT_TOKEN: "xoxp-user", SLACK_APP_TOKEN: "nope" });
    expect(await exited(child)).toBe(1);
    expect(stderr()).toContain("talkbot cannot start: 2 configuration problems");
    expect(stderr()).toContain("SLACK_BOT_TOKEN must start with xoxb-");
    expect(stderr()).not.toMatch(/\n\s+at /);
  });

  it("says Slack refused the token, without a stack trace", async () => {
    const { child, stderr } = talkbot({
      SLACK_BOT_TOKEN: "xoxb-invalid",
      SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99b1b2b3b4b5",
      SLACK_API_URL: fake.apiUrl,
      PORT: "0",
    });
    expect(await exited(child)).toBe(1);
    expect(stderr()).toContain("Slack refused SLACK_BOT_TOKEN (invalid_auth)");
    expect(stderr()).not.toMatch(/\n\s+at /);
  });

  it("serves HTTP mode until SIGTERM, then stops cleanly with exit code 0", async () => {
    const { child, stderr } = talkbot({
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99b1b2b3b4b5",
      SLACK_API_URL: fake.apiUrl,
      PORT: "0",
    });
    const exit = exited(child);
    const port = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no port in:\n${stderr()}`)), 15_000);
      child.stderr?.on("data", () => {
        const m = /listening on port (\d+)/.exec(stderr());
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { talks: number }).talks).toBeGreaterThan(0);
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(stderr()).toContain("SIGTERM: shutting down");
  });

  it("posts a due digest to Slack once and records it in the state directory", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "talkbot-main-"));
    const { child, stderr } = talkbot({
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99b1b2b3b4b5",
      SLACK_API_URL: fake.apiUrl,
      PORT: "0",
      TALKBOT_DIGEST_CHANNEL: "C0DIGEST",
      TALKBOT_STATE_DIR: stateDir,
      // 10:25:30 is inside the 10-minute lead of QCon London 2020's 10:35 slot.
      TALKBOT_NOW: "2020-03-03T10:25:30Z",
    });
    const exit = exited(child);
    const post = await fake.waitFor(
      () => fake.accepted("chat.postMessage").find((c) => c.params.channel === "C0DIGEST"),
      15_000,
    );
    expect(String(post.params.text)).toContain("Evolution of Financial Exchange Architectures");
    await eventually(() => /digest posted: /.test(stderr()), "digest posted log line");
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(stderr()).toContain("digests are on");
    // Recorded in the embedded store, with the message's ts, and carrying its key.
    const store = await openStore({ engine: "sqlite", stateDir });
    const records = await store.deliveries("digest");
    await store.close();
    expect(records).toEqual([
      expect.objectContaining({ status: "posted", channel: "C0DIGEST", ts: post.response.ts }),
    ]);
    expect(post.params.metadata).toEqual({
      event_type: "talkbot_delivery",
      event_payload: { key: records[0]?.key },
    });
  });
});

describe("npm start without Slack credentials", () => {
  it("answers piped input, prints digests as they fall due, and exits 0 at the end", async () => {
    const { child } = talkbot({ TALKBOT_NOW: "2020-03-03T10:25:30Z", LOG_LEVEL: "warn" });
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
    });
    const exit = exited(child);
    child.stdin?.write("/talk track architectures\n");
    await eventually(() => out.includes("Up next: Architectures"), `a digest in:\n${out}`);
    child.stdin?.end();
    expect(await exit).toBe(0);
    expect(out).toContain("Evolution of Financial Exchange Architectures");
    expect(out).toContain("Tue 3 Mar 2020, 10:35–11:25 GMT");
  });
});
