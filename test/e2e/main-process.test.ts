import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
});
