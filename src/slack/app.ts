import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, type AppOptions, type CustomRoute, webApi } from "@slack/bolt";
import type { Agenda } from "../agenda/agenda.ts";
import { calendarHandler, calendarRoutes } from "../calendar/routes.ts";
import { type Clock, systemClock } from "../clock.ts";
import type { SlackConfig } from "../config.ts";
import type { Deps } from "../deps.ts";
import type { LevelledLogger, Logger } from "../log.ts";
import { boltLogger } from "./bolt-logger.ts";
import { createHomePublisher, type HomePublisher } from "./home-publisher.ts";
import { createHttpReceiver, stopWithGrace } from "./http/http-receiver.ts";
import { MemoryReplayGuard, type ReplayGuard } from "./http/replay-guard.ts";
import type { SeenIds } from "./listeners/events/seen-events.ts";
import { registerListeners } from "./listeners/index.ts";
import { reportFailure } from "./listeners/report-failure.ts";
import type { CalendarSetup } from "./personal-answers.ts";
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
  /** The personal agenda: stars, App Home, the calendar feed. Off when not given. */
  personal?: {
    agenda: Agenda;
    calendar: CalendarSetup;
    userForToken(token: string): Promise<string | null>;
  };
}

export interface SlackApp {
  app: App;
  /** The bot's own user id, from auth.test. */
  botUserId: string;
  /** App Home, when the personal agenda is on: main republishes on a reload. */
  homes: HomePublisher | null;
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
  const feedDeps = deps.personal
    ? {
        current: deps.current,
        userForToken: deps.personal.userForToken,
        starsOf: (user: string) => deps.personal?.agenda.starsOf(user) ?? [],
        clock: deps.clock,
        logger,
      }
    : null;
  const calendar = feedDeps ? calendarHandler(feedDeps) : null;
  const app = new App(
    boltOptions(config, identity, {
      logger,
      clientOptions,
      talkCount: () => deps.current().catalog.talks.length,
      ...(deps.replayGuard ? { replayGuard: deps.replayGuard } : {}),
      ...(feedDeps ? { extraRoutes: calendarRoutes(feedDeps) } : {}),
    }),
  );
  let homes: HomePublisher | null = null;
  if (deps.personal) {
    const { agenda, calendar: setup } = deps.personal;
    homes = createHomePublisher({
      client: app.client,
      agenda,
      catalog: deps.current,
      search: () => deps.current().search,
      calendar: setup,
      clock: deps.clock,
      logger,
    });
    const republish = homes;
    agenda.subscribe((ids) => republish.refresh(ids));
    registerListeners(app, deps, deps.seen, {
      agenda,
      calendar: setup,
      finder: deps.current,
      homes,
    });
  } else {
    registerListeners(app, deps, deps.seen);
  }
  // Socket Mode has no server of its own: the calendar feed gets one on PORT when
  // there is a public URL for calendar apps to reach.
  const feedServer =
    config.mode === "socket" && calendar && deps.personal?.calendar.publicUrl
      ? createServer((req, res) => void calendar(req, res))
      : null;
  app.error(async (error) => {
    reportFailure(logger, error, { listener: "bolt" });
  });

  let server: Server | undefined;
  return {
    app,
    botUserId: identity.userId,
    homes,
    async start() {
      if (config.mode === "socket") {
        let feedPort: number | undefined;
        if (feedServer) {
          const port = config.port ?? 3000;
          await listenOn(feedServer, port, config.host).catch((err: unknown) => {
            throw listenFailure(err, port, config.host);
          });
          feedPort = (feedServer.address() as AddressInfo).port;
        }
        await app.start().catch(async (err: unknown) => {
          if (feedServer) await stopWithGrace(feedServer, async () => void feedServer.close());
          return failure("apps.connections.open")(err);
        });
        return feedPort === undefined ? {} : { port: feedPort };
      }
      const listen = config.host ? { port: config.port, host: config.host } : config.port;
      server = (await app.start(listen).catch((err: unknown) => {
        throw listenFailure(err, config.port, config.host);
      })) as Server;
      return { port: (server.address() as AddressInfo).port };
    },
    async stop() {
      homes?.stop();
      const stop = async () => {
        await app.stop();
      };
      const feed = feedServer?.listening
        ? stopWithGrace(feedServer, () => new Promise<void>((r) => feedServer.close(() => r())))
        : undefined;
      await Promise.all([server ? stopWithGrace(server, stop) : stop(), feed]);
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
    /** More paths HTTP mode serves (the calendar feed). */
    extraRoutes?: CustomRoute[];
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
      customRoutes: [healthRoute(extra.talkCount), ...(extra.extraRoutes ?? [])],
      logger,
      clock: extra.wallClock ?? systemClock,
      replayGuard: extra.replayGuard ?? new MemoryReplayGuard(extra.wallClock ?? systemClock),
    }),
  };
}

function listenOn(server: Server, port: number, host: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
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
