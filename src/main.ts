/**
 * talkbot's composition root: configuration → catalog snapshot → Slack app (or
 * the terminal session when no Slack credentials are set) → run until a signal.
 */
import { loadAgenda } from "./agenda/agenda.ts";
import type { ReminderRunner } from "./agenda/reminder-runner.ts";
import { calendarUrl, newCalendarToken } from "./calendar/calendar-url.ts";
import type { CatalogStore } from "./catalog/catalog-store.ts";
import type { PublishedCatalog } from "./catalog/published-catalog.ts";
import { clockFor, systemClock } from "./clock.ts";
import { type Config, loadConfig } from "./config.ts";
import { createWorkspaceGate } from "./delivery/engine.ts";
import type { Deps } from "./deps.ts";
import { startTerminalDigests } from "./digest/start-terminal.ts";
import { exitWith } from "./errors.ts";
import { runLocal } from "./local/run-local.ts";
import { startTerminalReminders } from "./local/terminal-reminders.ts";
import { terminalSchedulePorts } from "./local/terminal-schedule.ts";
import { consoleLogger, type Logger } from "./log.ts";
import { followSchedule, type ScheduleFollower } from "./schedule/follow.ts";
import { pollerSettings } from "./schedule/poller.ts";
import { workerChecker } from "./schedule/release-checker.ts";
import { createSlackApp } from "./slack/app.ts";
import { startSlackDigests } from "./slack/delivery/start-digests.ts";
import { startSlackReminders } from "./slack/delivery/start-reminders.ts";
import { followScheduleInSlack } from "./slack/delivery/start-schedule.ts";
import { storeReplayGuard } from "./slack/http/replay-guard.ts";
import { openSnapshots, publishedSnapshots, type Snapshot } from "./snapshot.ts";
import { openStore } from "./store/open-store.ts";

/**
 * The running catalog: the TALKBOT_CATALOG file, watched; or, with
 * TALKBOT_SCHEDULE_URL, the schedule's releases as `follow` applies them.
 */
async function openCatalog(
  config: Config,
  logger: Logger,
  follow: ((publish: (c: Snapshot["catalog"]) => Promise<void>) => ScheduleFollower) | null,
): Promise<{ catalog: CatalogStore<Snapshot>; follower: ScheduleFollower | null }> {
  if (!follow)
    return { catalog: await openSnapshots({ file: config.catalogPath, logger }), follower: null };
  let published: PublishedCatalog<Snapshot> | null = null;
  const follower = follow(async (next) => {
    await published?.publish(next);
  });
  published = await publishedSnapshots({
    first: await follower.first(),
    logger,
    reload: (reason) => follower.pollNow(reason),
  });
  return { catalog: published, follower };
}

/** Where the catalog comes from, for log lines. */
function catalogSource(config: Config): string {
  return config.schedule
    ? `the schedule at ${config.schedule.sources.join(", ")}`
    : config.catalogPath;
}

/** Longer than the HTTP grace period (shutdownGraceMs), shorter than a supervisor's patience. */
const shutdownLimitMs = 9_000;

async function main(): Promise<number> {
  const config = loadConfig();
  const logger = consoleLogger(config.logLevel);
  const clock = clockFor(config);
  const { schedule } = config;

  if (!config.slack) {
    // The terminal's own embedded store: a rehearsal never marks real digests as
    // sent, and the session's stars last as long as the session.
    const store = await openStore({ engine: "sqlite", memory: true });
    const agenda = await loadAgenda({ store, logger, pollMs: 0 });
    // The session's own printer once it runs (it puts the prompt back after each line).
    let print: (text: string) => void = (text) => process.stdout.write(text);
    const { catalog, follower } = await openCatalog(
      config,
      logger,
      schedule
        ? (publish) =>
            followSchedule({
              ...pollerSettings(schedule),
              checker: workerChecker(),
              store,
              clock,
              logger,
              settings: config.digest.settings,
              starrersOf: (talkId) => agenda.starrersOf(talkId),
              publish,
              ports: terminalSchedulePorts((text) => print(text)),
              engine: { pacingMs: 0 },
            })
        : null,
    );
    const deps = { current: catalog.current, clock, logger } satisfies Deps;
    const local: Deps = { ...deps, agenda };
    await runLocal(local, {
      input: process.stdin,
      output: process.stdout,
      interactive: process.stdin.isTTY === true,
      startBackground: (write) => {
        const digests = startTerminalDigests({ ...deps, config, store, write });
        const reminders = startTerminalReminders({
          ...local,
          agenda,
          store,
          speed: config.speed,
          write,
        });
        print = write;
        follower?.start();
        return {
          stop: () =>
            Promise.all([digests.stop(), reminders.stop(), follower?.stop()]).then(() => {}),
        };
      },
    });
    agenda.stop();
    await store.close();
    catalog.close();
    return 0;
  }

  const store = await openStore(config.store);
  logger.info(`store: ${store.engine} at ${store.where}`);
  // Everyone's stars and settings, in memory: a card's ☆/★ costs no database trip.
  const agenda = await loadAgenda({ store, logger });
  const slackConfig = config.slack;
  // Digests, reminders and the schedule's announcements share Slack's workspace
  // limit: one gate, so a 429 pauses them all and in-flight posts are counted once.
  const workspace = createWorkspaceGate();
  const { gate } = workspace;
  const { catalog, follower } = await openCatalog(
    config,
    logger,
    schedule
      ? (publish) =>
          followScheduleInSlack({
            schedule,
            config,
            slack: slackConfig,
            store,
            agenda,
            clock,
            logger,
            publish,
            gate,
          })
      : null,
  );
  const deps = { current: catalog.current, clock, logger } satisfies Deps;
  const slackDeps: Deps = { ...deps, agenda };
  const slack = await createSlackApp({
    ...slackDeps,
    seen: store,
    personal: {
      agenda,
      calendar: {
        publicUrl: config.publicUrl ?? null,
        store,
        newToken: newCalendarToken,
        feedUrl: calendarUrl,
      },
      userForToken: (token) => store.userForToken(token),
    },
    // Signatures are timed by the wall clock, whatever a rehearsal's clock says.
    replayGuard: storeReplayGuard(store, systemClock, (err) =>
      logger.error("replay check: the store did not answer; checked in this process only", err),
    ),
    config: config.slack,
  });
  // A new schedule changes what everyone's Home shows, and which digests are due:
  // plan them now, so one waiting to be posted goes out as the schedule now is.
  const unsubscribeHomes = catalog.subscribe(() => {
    slack.homes?.refreshAll();
    void digests?.tick();
  });
  let digests: Awaited<ReturnType<typeof startSlackDigests>> = null;
  let reminders: ReminderRunner | null = null;
  let port: number | undefined;
  try {
    digests = await startSlackDigests({ ...deps, store, config, slack: config.slack, gate });
    reminders = startSlackReminders({
      slack: config.slack,
      agenda,
      current: catalog.current,
      store,
      clock,
      logger,
      speed: config.speed,
      gate,
    });
    ({ port } = await slack.start());
    follower?.start();
  } catch (err) {
    await Promise.all([digests?.stop(), reminders?.stop(), follower?.stop()]);
    agenda.stop();
    await store.close();
    throw err;
  }
  logger.info(
    config.slack.mode === "socket"
      ? `connected to Slack in Socket Mode; ${catalog.current().catalog.talks.length} talks from ${catalogSource(config)}${port === undefined ? "" : `; calendar feeds on port ${port} for ${config.publicUrl}/calendar/`}`
      : `listening on port ${port}: Slack requests at POST /slack/events, health at GET /healthz${config.publicUrl ? `, calendar feeds at ${config.publicUrl}/calendar/` : ""}; ${catalog.current().catalog.talks.length} talks`,
  );
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  logger.info(`${signal}: shutting down`);
  // A second signal while stopping means "now".
  const force = () => process.exit(1);
  process.once("SIGINT", force);
  process.once("SIGTERM", force);
  // Supervisors (systemd, Kubernetes) kill after about 10 s: whatever still hangs
  // by then (a Slack call, a socket) must not turn a clean stop into a SIGKILL.
  const backstop = setTimeout(() => {
    logger.error(`shutdown did not finish within ${shutdownLimitMs / 1000} s; exiting anyway`);
    process.exit(1);
  }, shutdownLimitMs);
  backstop.unref();
  unsubscribeHomes();
  workspace.close();
  await Promise.all([digests?.stop(), reminders?.stop(), follower?.stop(), slack.stop()]);
  agenda.stop();
  await store.close();
  catalog.close();
  return 0;
}

exitWith(main(), "talkbot stopped:");
