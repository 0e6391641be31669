import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { type AddressInfo, connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { FakeSlack } from "./fake-slack.ts";

let fake: FakeSlack;
beforeAll(async () => {
  fake = await FakeSlack.start();
});
afterAll(() => fake.close());

// A test that fails half-way must not leave a talkbot running.
const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  children.clear();
});

function talkbot(env: Record<string, string>): { child: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    // A state dir of its own unless the test names one: never the checkout's .talkbot-state.
    env: {
      PATH: process.env.PATH ?? "",
      TALKBOT_STATE_DIR: mkdtempSync(join(tmpdir(), "talkbot-main-")),
      ...env,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  children.add(child);
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

/** The port talkbot says it listens on, once it says so. */
function listeningPort(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no port in:\n${stderr()}`)), 15_000);
    const look = () => {
      const m = /listening on port (\d+)/.exec(stderr());
      if (m?.[1]) {
        clearTimeout(timer);
        child.stderr?.off("data", look);
        resolve(m[1]);
      }
    };
    child.stderr?.on("data", look);
    look();
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

describe("npm start (src/main.ts) as a process", () => {
  it("prints every configuration problem without a stack trace and exits 1", async () => {
    const { child, stderr } = talkbot({
      SLACK_BOT_TOKEN: "xoxp-user",
      SLACK_APP_TOKEN: "nope",
      // Refused by `cli digests` too, in the same words (test/cli/digests.test.ts).
      TALKBOT_DIGEST_CHANNEL: "a&b",
    });
    expect(await exited(child)).toBe(1);
    expect(stderr()).toContain("talkbot cannot start: 3 configuration problems");
    expect(stderr()).toContain("SLACK_BOT_TOKEN must start with xoxb-");
    expect(stderr()).toContain("  - TALKBOT_DIGEST_CHANNEL must be one channel id");
    expect(stderr()).not.toMatch(/\n\s+at /);
  });

  it("lists the config file's problems with the environment's before calling Slack", async () => {
    const dir = mkdtempSync(join(tmpdir(), "talkbot-config-"));
    const file = join(dir, "talkbot.json");
    writeFileSync(file, JSON.stringify({ digests: { tracks: { Go: { leadMinutes: -5 } } } }));
    const calls = fake.calls.length;
    const { child, stderr } = talkbot({
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99b1b2b3b4b5",
      SLACK_API_URL: fake.apiUrl,
      PORT: "1e3",
      TALKBOT_CONFIG: file,
    });
    expect(await exited(child)).toBe(1);
    expect(stderr()).toContain("talkbot cannot start: 2 configuration problems");
    expect(stderr()).toContain("PORT must be a whole number");
    expect(stderr()).toContain(`${file} (TALKBOT_CONFIG): digests.tracks.Go.leadMinutes`);
    expect(fake.calls.length).toBe(calls);
  });

  /** One line on stderr, exit 1: what an operator sees for a fault they can fix. */
  async function failsWithOneLine(env: Record<string, string>): Promise<string> {
    const { child, stderr } = talkbot(env);
    expect(await exited(child)).toBe(1);
    const lines = stderr().trim().split("\n");
    expect(stderr()).not.toMatch(/\n\s+at /);
    return lines.at(-1) ?? "";
  }

  const httpMode = {
    SLACK_BOT_TOKEN: "xoxb-test",
    SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99b1b2b3b4b5",
  };

  it("says PORT is in use, in one line", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const line = await failsWithOneLine({
        ...httpMode,
        SLACK_API_URL: fake.apiUrl,
        PORT: String(port),
      });
      expect(line).toBe(
        `talkbot cannot listen: PORT ${port} is already in use: stop the other process listening there, or set PORT to a free port.`,
      );
    } finally {
      taken.close();
    }
  });

  it("names SLACK_API_URL when nothing answers there, in one line", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/api/`;
    await new Promise((resolve) => closed.close(resolve));
    const line = await failsWithOneLine({ ...httpMode, SLACK_API_URL: url, PORT: "0" });
    expect(line).toMatch(
      new RegExp(
        `^Slack could not be reached for auth\\.test at ${url} \\(.*\\): check the network, any proxy, and SLACK_API_URL\\.$`,
      ),
    );
  });

  it("says TALKBOT_STATE_DIR cannot be used when it is a file, in one line", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "talkbot-state-")), "state");
    writeFileSync(file, "not a directory");
    const line = await failsWithOneLine({
      ...httpMode,
      SLACK_API_URL: fake.apiUrl,
      PORT: "0",
      TALKBOT_DIGEST_CHANNEL: "C0DIGEST",
      TALKBOT_STATE_DIR: file,
    });
    expect(line).toBe(
      `TALKBOT_STATE_DIR=${file} cannot hold talkbot's state: it is a file, not a directory (EEXIST). Point TALKBOT_STATE_DIR at a directory talkbot can create and write.`,
    );
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
    const port = await listeningPort(child, stderr);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { talks: number }).talks).toBeGreaterThan(0);
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(stderr()).toContain("SIGTERM: shutting down");
  });

  it("stops within 10 s of SIGTERM while a client holds a half-sent request", async () => {
    const { child, stderr } = talkbot({
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99b1b2b3b4b5",
      SLACK_API_URL: fake.apiUrl,
      PORT: "0",
    });
    const exit = exited(child);
    const port = Number(await listeningPort(child, stderr));
    // Headers promise 1,000 bytes of body; only a few arrive, and the client waits.
    const halfSent = connect(port, "127.0.0.1");
    halfSent.on("error", () => {});
    await new Promise<void>((resolve) => halfSent.once("connect", () => resolve()));
    halfSent.write(
      "POST /slack/events HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{",
    );
    // And one that never finishes its headers.
    const noHeaders = connect(port, "127.0.0.1");
    noHeaders.on("error", () => {});
    noHeaders.write("POST /slack/events HTTP/1.1\r\nHost: x\r\n");
    await new Promise((r) => setTimeout(r, 200));
    const sent = Date.now();
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(Date.now() - sent).toBeLessThan(10_000);
    halfSent.destroy();
    noHeaders.destroy();
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
