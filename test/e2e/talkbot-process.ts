/**
 * The real talkbot (src/main.ts) as a child process in HTTP mode, and signed
 * requests to it as Slack sends them: what the personal agenda's end-to-end tests
 * drive. `node --import tsx` rather than the `tsx` wrapper: the wrapper is a
 * parent process of its own, and a SIGKILL to it would leave talkbot running.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FakeSlack, ResponseUrlPost } from "./fake-slack.ts";
import { testSigningSecret } from "./http-app.ts";
import { formBody, postToSlackApp, slashCommand } from "./slack-request.ts";

export interface Talkbot {
  child: ChildProcess;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exit: Promise<number | null>;
  /** Resolves with the first match of `pattern` in its log; rejects if it exits first. */
  logged(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
}

export interface StartedTalkbot extends Talkbot {
  /** Where it listens: `http://127.0.0.1:<port>`. */
  base: string;
}

/** A fresh directory for TALKBOT_STATE_DIR: never the checkout's .talkbot-state. */
export function stateDir(): string {
  return mkdtempSync(join(tmpdir(), "talkbot-agenda-"));
}

/** A port nothing listens on right now (for TALKBOT_PUBLIC_URL, which must be known before start). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Spawns talkbot in HTTP mode against `apiUrl` and returns at once. `env` adds to
 * (or overrides) the HTTP-mode credentials and PORT=0.
 */
export function spawnTalkbot(
  apiUrl: string,
  env: Record<string, string>,
  running: Set<ChildProcess>,
): Talkbot {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: {
      PATH: process.env.PATH ?? "",
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: testSigningSecret,
      SLACK_API_URL: apiUrl,
      PORT: "0",
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  running.add(child);
  let err = "";
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const logged = (pattern: RegExp, timeoutMs = 20_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const look = () => {
        const m = pattern.exec(err);
        if (!m) return false;
        clearTimeout(timer);
        child.stderr?.off("data", look);
        resolve(m);
        return true;
      };
      const timer = setTimeout(() => {
        child.stderr?.off("data", look);
        reject(new Error(`talkbot did not log ${pattern} within ${timeoutMs} ms:\n${err}`));
      }, timeoutMs);
      if (look()) return;
      child.stderr?.on("data", look);
      void exit.then((code) => {
        if (look()) return;
        clearTimeout(timer);
        reject(new Error(`talkbot exited (${code}) before logging ${pattern}:\n${err}`));
      });
    });
  return { child, stderr: () => err, exit, logged };
}

/**
 * Spawns talkbot and resolves once it says where it listens (`ready`: the line
 * that says so, the port its first group; Socket Mode says it otherwise).
 */
export async function startTalkbot(
  apiUrl: string,
  env: Record<string, string>,
  running: Set<ChildProcess>,
  ready: RegExp = /listening on port (\d+)/,
): Promise<StartedTalkbot> {
  const bot = spawnTalkbot(apiUrl, env, running);
  const [, port] = await bot.logged(ready);
  return { ...bot, base: `http://127.0.0.1:${port}` };
}

/** SIGKILL: no shutdown of any kind, as when a machine dies. Resolves once it is gone. */
export async function killHard(bot: Talkbot): Promise<void> {
  if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill("SIGKILL");
  await bot.exit;
}

/** The user a request comes from (Slack's ids, as the fake Slack's DM channels follow them). */
export type UserId = `U${string}`;

/** `/talk <text>` from `user` in #general; resolves with the acknowledgement's JSON body. */
export async function talkCommand(
  base: string,
  user: UserId,
  text: string,
  responseUrl: string,
): Promise<Record<string, unknown>> {
  const res = await postToSlackApp(
    `${base}/slack/events`,
    slashCommand({ text, response_url: responseUrl, user_id: user, user_name: user }),
    "application/x-www-form-urlencoded",
    { secret: testSigningSecret },
  );
  if (res.status !== 200) throw new Error(`/talk ${text}: HTTP ${res.status}`);
  const body = await res.text();
  return body ? (JSON.parse(body) as Record<string, unknown>) : {};
}

/** A signed block_actions click on the button `element` of `message`, as Slack sends it. */
export async function clickButton(
  base: string,
  click: {
    user: UserId;
    element: { action_id: string; value?: string; text?: unknown };
    /** The message the button is in: Slack sends it with the click (not for views). */
    message?: { text?: unknown; blocks?: unknown; ts?: string };
    container: Record<string, unknown>;
    channel?: string;
    responseUrl?: string;
  },
): Promise<number> {
  const payload = {
    type: "block_actions",
    user: { id: click.user, username: click.user.toLowerCase(), team_id: "T0CONF" },
    api_app_id: "A0TALKBOT",
    token: "deprecated-verification-token",
    container: click.container,
    trigger_id: "1.2.3",
    team: { id: "T0CONF", domain: "conf" },
    ...(click.channel ? { channel: { id: click.channel, name: "general" } } : {}),
    ...(click.message ? { message: { type: "message", ...click.message } } : {}),
    ...(click.responseUrl ? { response_url: click.responseUrl } : {}),
    actions: [
      {
        type: "button",
        block_id: "b1",
        action_ts: `${Math.floor(Date.now() / 1000)}.000300`,
        ...click.element,
      },
    ],
  };
  const res = await postToSlackApp(
    `${base}/slack/events`,
    formBody({ payload: JSON.stringify(payload) }),
    "application/x-www-form-urlencoded",
    { secret: testSigningSecret },
  );
  return res.status;
}

/** A signed Events API callback; resolves with the HTTP status of its acknowledgement. */
export async function sendEvent(
  base: string,
  eventId: string,
  event: Record<string, unknown>,
): Promise<number> {
  const body = JSON.stringify({
    token: "deprecated-verification-token",
    team_id: "T0CONF",
    api_app_id: "A0TALKBOT",
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: "T0CONF", user_id: "U0TALKBOT", is_bot: true }],
    event,
  });
  const res = await postToSlackApp(`${base}/slack/events`, body, "application/json", {
    secret: testSigningSecret,
  });
  return res.status;
}

export interface ButtonElement {
  type: string;
  action_id: string;
  value?: string;
  text: { type: string; text: string };
}

/** Every button in `blocks`, in order. */
export function buttonsOf(blocks: unknown): ButtonElement[] {
  return ((blocks ?? []) as { type: string; elements?: ButtonElement[] }[]).flatMap((b) =>
    b.type === "actions" ? (b.elements ?? []).filter((e) => e.type === "button") : [],
  );
}

/** The ☆/★ button for `talkId` in `blocks`, or undefined. */
export function starOf(blocks: unknown, talkId: string): ButtonElement | undefined {
  return buttonsOf(blocks).find((b) => b.action_id === "talk_star" && b.value === talkId);
}

/**
 * `user` clicks ☆ Star (or ★ Starred) under `talkId` in an ephemeral answer they
 * got (`answer`: its text and blocks); resolves with what came to its response_url.
 */
export async function starInAnswer(
  base: string,
  fake: FakeSlack,
  click: { user: UserId; answer: { text?: unknown; blocks?: unknown }; talkId: string },
): Promise<ResponseUrlPost> {
  const star = starOf(click.answer.blocks, click.talkId);
  if (!star) throw new Error(`no star button for ${click.talkId} in the answer`);
  const responseId = `star-${click.user}-${fake.responseUrlPosts.length}-${Date.now()}`;
  const status = await clickButton(base, {
    user: click.user,
    element: star,
    container: {
      type: "message",
      message_ts: "1583248000.000100",
      channel_id: "C0CONF",
      is_ephemeral: true,
    },
    channel: "C0CONF",
    message: { text: click.answer.text, blocks: click.answer.blocks },
    responseUrl: fake.responseUrl(responseId),
  });
  if (status !== 200) throw new Error(`the star click got HTTP ${status}`);
  return fake.waitFor(() => fake.responseUrlPosts.find((p) => p.id === responseId));
}
