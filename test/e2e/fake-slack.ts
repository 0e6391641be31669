/**
 * A small fake of Slack for end-to-end tests, on loopback:
 * - the Web API at `/api/<method>` (form-encoded or JSON bodies, as @slack/web-api sends them),
 *   answering auth.test, chat.postMessage, chat.postEphemeral, chat.update, apps.connections.open;
 * - response_url posts at `/respond/<id>`;
 * - a Socket Mode WebSocket at `/socket` (hello, envelopes, acks).
 * It records every call, can be told to fail chosen calls (429 with Retry-After, 5xx,
 * a Slack error, no answer at all), and refuses messages that break Block Kit limits, as Slack would.
 * With `rateLimit` it enforces Slack's chat.postMessage limits (fake-rate-limit.ts).
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { blockKitViolations } from "./block-kit-rules.ts";
import { RateLimiter, type RateLimitOptions } from "./fake-rate-limit.ts";

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  token: string | undefined;
  /** When it arrived (ms since epoch), to check pacing and Retry-After. */
  at: number;
  /** What the fake answered: status and body. */
  status: number;
  response: Record<string, unknown>;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

export type Failure =
  | { status: 429; retryAfter: number }
  | { status: 500 | 502 | 503 }
  | { error: string }
  /**
   * Slack does the work (a post lands in history) and never answers: the request
   * stays open until the fake closes, and the client can only time out.
   */
  | { stall: true };

/** A message as channel history holds it. */
export interface StoredMessage {
  ts: string;
  text: unknown;
  bot_id: string;
  metadata?: unknown;
  blocks?: unknown;
  /** Set by chat.update, as Slack marks an edited message. */
  edited?: { user: string; ts: string };
}

/** `fail()` this name with `{ stall: true }` to leave response_url posts unanswered. */
export const responseUrlMethod = "response_url";

type Handler = (call: Omit<ApiCall, "status" | "response">) => Record<string, unknown>;

export interface FakeSlackOptions {
  botUserId?: string;
  botId?: string;
  teamId?: string;
  /** Asked for every call no queued failure applies to: fail it this way, or not. */
  chaos?: (method: string) => Failure | undefined;
  /** Public channels conversations.list shows (to resolve #names to ids). */
  channels?: { id: string; name: string }[];
  /** Tokens auth.test accepts; default: any xoxb- token except "xoxb-invalid". */
  validBotToken?: (token: string) => boolean;
  /** Off by default: Slack's per-channel and workspace limits on chat.postMessage. */
  rateLimit?: RateLimitOptions;
}

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responseUrlPosts: ResponseUrlPost[] = [];
  readonly botUserId: string;
  readonly botId: string;
  readonly teamId: string;
  private readonly failures = new Map<string, Failure[]>();
  private readonly handlers = new Map<string, Handler>();
  private readonly sockets = new Set<WebSocket>();
  /** What each channel holds, oldest first: what conversations.history answers from. */
  readonly history = new Map<string, StoredMessage[]>();
  private readonly stalledResponses = new Set<ServerResponse>();
  private readonly waiters = new Set<() => void>();
  private readonly wss = new WebSocketServer({ noServer: true });
  /** The rate limiter, when `rateLimit` was given: its `refused` counts the 429s it answered. */
  readonly limiter: RateLimiter | undefined;
  private ts = 1;
  private stalledCount = 0;
  private base = "";

  private constructor(
    private readonly server: Server,
    private readonly options: FakeSlackOptions,
  ) {
    this.botUserId = options.botUserId ?? "U0TALKBOT";
    this.botId = options.botId ?? "B0TALKBOT";
    this.teamId = options.teamId ?? "T0CONF";
    this.limiter = options.rateLimit ? new RateLimiter(options.rateLimit) : undefined;
  }

  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    const server = createServer();
    const fake = new FakeSlack(server, options);
    server.on("request", (req, res) => {
      fake.handle(req, res).catch((err: unknown) => {
        res.writeHead(500).end(String(err));
      });
    });
    server.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/socket")) {
        socket.destroy();
        return;
      }
      fake.wss.handleUpgrade(req, socket, head, (ws) => fake.onSocket(ws));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    fake.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  /** The SLACK_API_URL to give the app. */
  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  /** A response_url whose posts land in `responseUrlPosts` under `id`. */
  responseUrl(id: string = randomUUID()): string {
    return `${this.base}/respond/${id}`;
  }

  /** The next `times` calls of `method` fail this way (then it answers normally again). */
  fail(method: string, failure: Failure, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.failures.set(method, queue);
  }

  /** Answers `method` with a handler of your own (e.g. chat.scheduleMessage). */
  on(method: string, handler: Handler): void {
    this.handlers.set(method, handler);
  }

  /** Requests left unanswered by a `{ stall: true }` failure so far. */
  get stalled(): number {
    return this.stalledCount;
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Successful calls of `method`: what Slack actually accepted. */
  accepted(method: string): ApiCall[] {
    return this.callsTo(method).filter((c) => c.status === 200 && c.response.ok === true);
  }

  /** Resolves once `check` holds (re-checked on every call), or rejects after `timeoutMs`. */
  async waitFor<T>(check: () => T | undefined | false, timeoutMs = 5_000): Promise<T> {
    const first = check();
    if (first) return first;
    return new Promise<T>((resolve, reject) => {
      const poll = () => {
        const value = check();
        if (value) {
          clearTimeout(timer);
          this.waiters.delete(poll);
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(poll);
        reject(new Error(`fake Slack: condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(poll);
    });
  }

  // ---- Socket Mode ----------------------------------------------------------

  /** Whether an app is connected over Socket Mode. */
  get socketConnected(): boolean {
    return [...this.sockets].some((s) => s.readyState === s.OPEN);
  }

  /**
   * Delivers an envelope as Slack does and resolves with the app's ack payload
   * (undefined for a bare ack). `extra` carries e.g. `retry_attempt` for events.
   */
  sendEnvelope(
    type: "slash_commands" | "events_api" | "interactive",
    payload: Record<string, unknown>,
    extra: Record<string, unknown> = {},
    timeoutMs = 5_000,
  ): Promise<Record<string, unknown> | undefined> {
    const socket = [...this.sockets].find((s) => s.readyState === s.OPEN);
    if (!socket) return Promise.reject(new Error("fake Slack: no Socket Mode connection"));
    const envelope_id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.off("message", onMessage);
        reject(new Error(`fake Slack: envelope ${type} not acknowledged in ${timeoutMs} ms`));
      }, timeoutMs);
      const onMessage = (data: Buffer) => {
        const msg = JSON.parse(data.toString()) as { envelope_id?: string; payload?: unknown };
        if (msg.envelope_id !== envelope_id) return;
        clearTimeout(timer);
        socket.off("message", onMessage);
        resolve(msg.payload as Record<string, unknown> | undefined);
      };
      socket.on("message", onMessage);
      socket.send(
        JSON.stringify({
          envelope_id,
          type,
          payload,
          accepts_response_payload: type !== "events_api",
          retry_attempt: 0,
          retry_reason: "",
          ...extra,
        }),
      );
    });
  }

  /** Messages in `channel` carrying talkbot's delivery metadata with this key. */
  postedWithKey(key: string): StoredMessage[] {
    return [...this.history.values()]
      .flat()
      .filter(
        (m) => (m.metadata as { event_payload?: { key?: unknown } })?.event_payload?.key === key,
      );
  }

  async close(): Promise<void> {
    for (const res of this.stalledResponses) res.destroy();
    for (const s of this.sockets) s.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    // Slack pings its clients; the socket-mode client reconnects without them.
    const ping = setInterval(() => ws.ping(), 5_000);
    ping.unref();
    ws.on("close", () => {
      clearInterval(ping);
      this.sockets.delete(ws);
    });
    ws.send(
      JSON.stringify({
        type: "hello",
        num_connections: 1,
        debug_info: { host: "fake-slack", build_number: 1, approximate_connection_time: 3600 },
        connection_info: { app_id: "A0TALKBOT" },
      }),
    );
    this.notify();
  }

  // ---- HTTP -----------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", this.base);
    if (url.pathname.startsWith("/respond/")) {
      const failure = this.failures.get(responseUrlMethod)?.shift();
      if (failure && "stall" in failure) {
        this.stalledCount++;
        this.notify();
        return;
      }
      const body = JSON.parse(raw || "{}") as Record<string, unknown>;
      const problems = body.delete_original ? [] : blockKitViolations(body);
      if (problems.length > 0) {
        res
          .writeHead(400, { "content-type": "text/plain" })
          .end(`invalid_blocks: ${problems.join("; ")}`);
        return;
      }
      this.responseUrlPosts.push({
        id: url.pathname.slice("/respond/".length),
        body,
        at: Date.now(),
      });
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      this.notify();
      return;
    }
    if (!url.pathname.startsWith("/api/")) {
      res.writeHead(404).end();
      return;
    }
    const method = url.pathname.slice("/api/".length);
    const params = parseParams(raw, req.headers["content-type"] ?? "");
    const auth = req.headers.authorization;
    const token = auth?.startsWith("Bearer ")
      ? auth.slice(7)
      : (params.token as string | undefined);
    const call = { method, params, token, at: Date.now() };

    const failure =
      this.failures.get(method)?.shift() ??
      this.options.chaos?.(method) ??
      this.rateLimited(method, params, call.at);
    let status = 200;
    let response: Record<string, unknown>;
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (failure && "status" in failure) {
      status = failure.status;
      response = { ok: false, error: status === 429 ? "ratelimited" : "internal_error" };
      if (failure.status === 429) headers["retry-after"] = String(failure.retryAfter);
    } else if (failure && "error" in failure) {
      response = { ok: false, error: failure.error };
    } else if (failure) {
      // Do the work, then never answer: the client can only time out.
      response = this.answer(call);
      this.calls.push({ ...call, status: 0, response });
      this.stalledResponses.add(res);
      this.stalledCount++;
      this.notify();
      return;
    } else {
      response = this.answer(call);
    }
    this.calls.push({ ...call, status, response });
    res.writeHead(status, headers).end(JSON.stringify(response));
    this.notify();
  }

  /** The limiter's 429 for a post over Slack's limits (only chat.postMessage is limited here). */
  private rateLimited(
    method: string,
    params: Record<string, unknown>,
    at: number,
  ): Failure | undefined {
    if (method !== "chat.postMessage" || !this.limiter) return undefined;
    const over = this.limiter.check(String(params.channel), at);
    return over ? { status: 429, retryAfter: over.retryAfter } : undefined;
  }

  private answer(call: Omit<ApiCall, "status" | "response">): Record<string, unknown> {
    const custom = this.handlers.get(call.method);
    if (custom) return custom(call);
    const { params, token } = call;
    const botTokenOk = (t: string | undefined) =>
      t !== undefined &&
      (this.options.validBotToken?.(t) ?? (t.startsWith("xoxb-") && t !== "xoxb-invalid"));
    if (call.method === "apps.connections.open") {
      if (!token?.startsWith("xapp-")) return { ok: false, error: "invalid_auth" };
      return { ok: true, url: `${this.base.replace("http", "ws")}/socket?ticket=${randomUUID()}` };
    }
    if (!botTokenOk(token)) return { ok: false, error: "invalid_auth" };
    switch (call.method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://conf.slack.test/",
          team: "Conference",
          user: "talkbot",
          team_id: this.teamId,
          user_id: this.botUserId,
          bot_id: this.botId,
          is_enterprise_install: false,
        };
      case "chat.postMessage":
      case "chat.postEphemeral":
      case "chat.update": {
        if (!params.channel) return { ok: false, error: "channel_not_found" };
        const problems = blockKitViolations(params);
        if (problems.length > 0) {
          const tooLong = problems.some((p) => p.includes("characters (max"));
          return {
            ok: false,
            error: tooLong ? "msg_blocks_too_long" : "invalid_blocks",
            response_metadata: { messages: problems },
          };
        }
        // Real seconds, as Slack's are: the history check asks for messages after a time.
        const ts = `${Math.floor(Date.now() / 1000)}.${String(this.ts++ % 1_000_000).padStart(6, "0")}`;
        if (call.method === "chat.postEphemeral") return { ok: true, message_ts: ts };
        // Posting to a user id posts in the bot's DM with them, as Slack does.
        const channel = dmChannelOf(String(params.channel));
        if (call.method === "chat.postMessage") {
          const list = this.history.get(channel) ?? [];
          list.push({
            ts,
            text: params.text,
            bot_id: this.botId,
            ...(params.blocks ? { blocks: params.blocks } : {}),
            ...(params.metadata ? { metadata: params.metadata } : {}),
          });
          this.history.set(channel, list);
        }
        if (call.method === "chat.update") {
          // Edits the message in place: its text, blocks and (when given) metadata.
          const stored = this.history.get(channel)?.find((m) => m.ts === String(params.ts));
          if (!stored) return { ok: false, error: "message_not_found" };
          if (stored.bot_id !== this.botId) return { ok: false, error: "cant_update_message" };
          stored.text = params.text;
          if (params.blocks) stored.blocks = params.blocks;
          else delete stored.blocks;
          if (params.metadata) stored.metadata = params.metadata;
          stored.edited = { user: this.botUserId, ts };
        }
        return {
          ok: true,
          channel,
          ts: call.method === "chat.update" ? params.ts : ts,
          message: { text: params.text, blocks: params.blocks, bot_id: this.botId, ts },
        };
      }
      case "conversations.history": {
        const all = this.history.get(String(params.channel)) ?? [];
        const oldest = Number(params.oldest ?? 0);
        const latest =
          params.latest === undefined ? Number.POSITIVE_INFINITY : Number(params.latest);
        // `inclusive` takes in a message at `latest` (a single message: latest = oldest = ts).
        const inclusive = String(params.inclusive) === "true";
        // Without `latest` every match is answered at once (the fake has no cursors).
        const limit =
          params.latest === undefined || params.limit === undefined
            ? Number.POSITIVE_INFINITY
            : Number(params.limit);
        const withMeta = String(params.include_all_metadata) === "true";
        const inRange = all.filter((m) => {
          const t = Number(m.ts);
          return t >= oldest && (inclusive ? t <= latest : t < latest);
        });
        const messages = inRange
          .reverse()
          .slice(0, limit)
          .map(({ metadata, ...m }) => (withMeta && metadata ? { ...m, metadata } : m));
        return { ok: true, messages, has_more: inRange.length > limit };
      }
      case "conversations.join":
        return { ok: true, channel: { id: params.channel } };
      case "conversations.open": {
        const users = String(params.users ?? "");
        if (!/^[UW][A-Z0-9]+$/.test(users)) return { ok: false, error: "user_not_found" };
        return { ok: true, channel: { id: dmChannelOf(users) } };
      }
      case "views.publish": {
        const view = (typeof params.view === "string" ? JSON.parse(params.view) : params.view) as
          | { type?: string; blocks?: unknown[] }
          | undefined;
        if (!params.user_id || view?.type !== "home")
          return { ok: false, error: "invalid_arguments" };
        const blocks = view.blocks ?? [];
        if (blocks.length > 100) return { ok: false, error: "invalid_blocks" };
        return { ok: true, view: { id: `V${this.ts++}`, type: "home" } };
      }
      case "conversations.list":
        return {
          ok: true,
          channels: this.options.channels ?? [],
          response_metadata: { next_cursor: "" },
        };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** The bot's DM channel with a user (U1 → DU1); other channels are themselves. */
export function dmChannelOf(channel: string): string {
  return /^[UW][A-Z0-9]+$/.test(channel) ? `D${channel}` : channel;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Form fields as Slack reads them: JSON-valued fields (blocks, attachments) decoded. */
function parseParams(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.startsWith("application/json")) {
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] =
      (key === "blocks" || key === "attachments" || key === "metadata" || key === "view") &&
      /^[[{]/.test(value)
        ? JSON.parse(value)
        : value;
  }
  return out;
}
