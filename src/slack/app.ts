import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, type AppOptions, type CustomRoute, webApi } from "@slack/bolt";
import { type Clock, systemClock } from "../clock.ts";
import type { SlackConfig } from "../config.ts";
import type { Deps } from "../deps.ts";
import type { LevelledLogger, Logger } from "../log.ts";
import { boltLogger } from "./bolt-logger.ts";
import { createHttpReceiver, stopWithGrace } from "./http/http-receiver.ts";
import { MemoryReplayGuard, type ReplayGuard } from "./http/replay-guard.ts";
import type { SeenIds } from "./listeners/events/seen-events.ts";
import { registerListeners } from "./listeners/index.ts";
import { reportFailure } from "./listeners/report-failure.ts";
import { listenFailure, SlackAuthError, startupFailure } from "./start-errors.ts";
import { slackCallTimeoutMs, timedFetch } from "./timed-fetch.ts";

type RetryOptions = webApi.RetryOptions;

/**
 * Someone is waiting for every call talkbot makes from a listener, so a failed
 * call is retried a little, not for the client's default half hour. A 429 waits
 * for its Retry-After and counts as one of these retries.
 */
export const slackRetryPolicy: RetryOptions = {
  retries: 2,
  factor: 2,
  minTimeout: 500,
  maxTimeout: 3_000,
  randomize: true,
};

export interface SlackAppDeps extends Deps {
  /** The level it logs at, when it knows it, spares Bolt work for lines that would be dropped. */
  logger: Logger & Partial<Pick<LevelledLogger, "level">>;
  config: SlackConfig;
  /** Event ids already answered (the store); in memory when not given. */
  seen?: SeenIds;
  /** Overrides slackRetryPolicy (tests use `{ retries: 0 }`). */
  retryConfig?: RetryOptions;
  /** Overrides slackCallTimeoutMs (tests use a fraction of a second). */
  callTimeoutMs?: number;
  /** Where HTTP mode remembers used signatures; a shared store lets replicas refuse each other's replays. */
  replayGuard?: ReplayGuard;
}

export interface SlackApp {
  app: App;
  /** The bot's own user id, from auth.test. */
  botUserId: string;
  /** Connects (Socket Mode) or listens (HTTP mode; `port` is where, useful with PORT=0). */
  start(): Promise<{ port?: number }>;
  stop(): Promise<void>;
}

/**
 * Builds talkbot's Bolt app for Socket Mode or HTTP mode. The bot token is
 * checked first (auth.test), so a wrong token stops start-up with a clear
 * message rather than failing on the first event.
 */
export async function createSlackApp(deps: SlackAppDeps): Promise<SlackApp> {
  const { config, logger } = deps;
  const timeoutMs = deps.callTimeoutMs ?? slackCallTimeoutMs;
  const clientOptions = {
    retryConfig: deps.retryConfig ?? slackRetryPolicy,
    fetch: timedFetch(timeoutMs),
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
  };
  const failure = (method: "auth.test" | "apps.connections.open") => (err: unknown) => {
    throw startupFailure(err, method, { apiUrl: config.apiUrl, timeoutMs });
  };
  const identity = await whoAmI(config.botToken, {
    ...clientOptions,
    logger: boltLogger(logger),
  }).catch(failure("auth.test"));
  const app = new App(
    boltOptions(config, identity, {
      logger,
      clientOptions,
      talkCount: () => deps.current().catalog.talks.length,
      ...(deps.replayGuard ? { replayGuard: deps.replayGuard } : {}),
    }),
  );
  registerListeners(app, deps, deps.seen);
  app.error(async (error) => {
    reportFailure(logger, error, { listener: "bolt" });
  });

  let server: Server | undefined;
  return {
    app,
    botUserId: identity.userId,
    async start() {
      if (config.mode === "socket") {
        await app.start().catch(failure("apps.connections.open"));
        return {};
      }
      const listen = config.host ? { port: config.port, host: config.host } : config.port;
      server = (await app.start(listen).catch((err: unknown) => {
        throw listenFailure(err, config.port, config.host);
      })) as Server;
      return { port: (server.address() as AddressInfo).port };
    },
    async stop() {
      const stop = async () => {
        await app.stop();
      };
      await (server ? stopWithGrace(server, stop) : stop());
    },
  };
}

/**
 * How talkbot configures Bolt. The benchmark builds its bare comparison app from
 * this too, so the two differ only in their listeners.
 */
export function boltOptions(
  config: SlackConfig,
  identity: { botId: string; userId: string },
  extra: {
    logger: Logger & Partial<Pick<LevelledLogger, "level">>;
    clientOptions: webApi.WebClientOptions;
    /** Talks in the loaded catalog, for `/healthz`; throws while none is loaded. */
    talkCount: () => number;
    /** Real time, for Slack's signature window (never the rehearsal clock); default the system's. */
    wallClock?: Clock;
    /** Signatures already used; default this process's memory (one replica). */
    replayGuard?: ReplayGuard;
  },
): AppOptions {
  const logger = boltLogger(extra.logger);
  const common = {
    token: config.botToken,
    botId: identity.botId,
    botUserId: identity.userId,
    logger,
    clientOptions: extra.clientOptions,
    // Bolt's default conversation store is never read by talkbot, and its lookup
    // throws and catches an Error for every request (tens of µs a /talk).
    convoStore: false as const,
  };
  if (config.mode === "socket") {
    return { ...common, socketMode: true, appToken: config.appToken };
  }
  return {
    ...common,
    receiver: createHttpReceiver({
      signingSecret: config.signingSecret,
      customRoutes: [healthRoute(extra.talkCount)],
      logger,
      clock: extra.wallClock ?? systemClock,
      replayGuard: extra.replayGuard ?? new MemoryReplayGuard(extra.wallClock ?? systemClock),
    }),
  };
}

async function whoAmI(
  token: string,
  options: webApi.WebClientOptions,
): Promise<{ botId: string; userId: string }> {
  const client = new webApi.WebClient(token, options);
  const result = await client.auth.test();
  if (!result.user_id || !result.bot_id) {
    throw new SlackAuthError("not a bot token: auth.test returned no bot_id");
  }
  return { botId: result.bot_id, userId: result.user_id };
}

/** `GET /healthz` for load balancers: 200 while a catalog is loaded. */
function healthRoute(talkCount: () => number): CustomRoute {
  return {
    path: "/healthz",
    method: ["GET"],
    handler: (_req, res) => {
      let body: string;
      try {
        body = JSON.stringify({ ok: true, talks: talkCount() });
        res.writeHead(200, { "content-type": "application/json" });
      } catch {
        body = JSON.stringify({ ok: false });
        res.writeHead(503, { "content-type": "application/json" });
      }
      res.end(body);
    },
  };
}
