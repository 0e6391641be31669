import { setTimeout as delay } from "node:timers/promises";
import type { Agenda } from "../agenda/agenda.ts";
import { agendaView } from "../agenda/agenda-view.ts";
import type { Clock } from "../clock.ts";
import type { Logger } from "../log.ts";
import type { TalkSearch } from "../search/types.ts";
import { homeView } from "./blocks/home-view.ts";
import { slackErrorCode } from "./errors.ts";
import type { CalendarSetup, TalkFinder } from "./personal-answers.ts";

export interface ViewsClient {
  views: {
    publish(args: { user_id: string; view: ReturnType<typeof homeView> }): Promise<unknown>;
  };
}

export interface HomeDeps {
  client: ViewsClient;
  agenda: Agenda;
  catalog: () => TalkFinder;
  search: () => TalkSearch;
  calendar: CalendarSetup;
  clock: Clock;
  logger: Logger;
  /** Real ms between two republished homes (views.publish is Tier 4: about 100 a minute). */
  pacingMs?: number;
}

export interface HomePublisher {
  /** Builds and publishes this person's Home now (they opened it, or clicked in it). */
  publish(userId: string): Promise<void>;
  /** Republishes, paced, the Homes of these people if they ever opened theirs. */
  refresh(userIds: Iterable<string>): void;
  /** Everybody's who opened it (the schedule changed). */
  refreshAll(): void;
  /** Resolves when no republish is waiting (tests, shutdown). */
  idle(): Promise<void>;
  stop(): void;
}

/** How many talks "On now" and "Up next" ask the search for. */
const AT_EVENT_LIMIT = 10;

/**
 * App Home: published when a person opens it, and again when their stars or the
 * schedule change, but only for people who have opened it once (publishing to
 * everybody would spend the rate limit on views nobody looks at).
 */
export function createHomePublisher(deps: HomeDeps): HomePublisher {
  const pacingMs = deps.pacingMs ?? 700;
  const pending = new Set<string>();
  const stopping = new AbortController();
  let draining: Promise<void> | null = null;

  async function build(userId: string) {
    const now = deps.clock.now();
    const catalog = deps.catalog();
    const search = deps.search();
    const talksFor = (query: string) =>
      search.search(query, { now, limit: AT_EVENT_LIMIT }).hits.map((h) => h.talk);
    const token = deps.calendar.publicUrl
      ? await deps.calendar.store.calendarToken(userId, deps.calendar.newToken)
      : null;
    return homeView({
      agenda: agendaView(deps.agenda.starsOf(userId), (id) => catalog.talk(id), now),
      lookup: catalog.lookup,
      remindMinutes: deps.agenda.remindMinutes(userId),
      calendarUrl:
        token && deps.calendar.publicUrl
          ? deps.calendar.feedUrl(deps.calendar.publicUrl, token)
          : null,
      onNow: talksFor("now"),
      upNext: talksFor("next"),
      isStarred: (id) => deps.agenda.isStarred(userId, id),
    });
  }

  async function publish(userId: string): Promise<void> {
    await deps.client.views.publish({ user_id: userId, view: await build(userId) });
  }

  async function drain(): Promise<void> {
    while (pending.size > 0 && !stopping.signal.aborted) {
      const userId = pending.values().next().value as string;
      pending.delete(userId);
      try {
        await publish(userId);
      } catch (err) {
        deps.logger.warn(`App Home: could not republish (${slackErrorCode(err) ?? String(err)})`);
      }
      await delay(pacingMs, undefined, { signal: stopping.signal }).catch(() => {});
    }
    draining = null;
  }

  function refresh(userIds: Iterable<string>): void {
    for (const id of userIds) {
      // The agenda remembers who opened Home (app_home_opened records it first).
      if (deps.agenda.homeOpened(id)) pending.add(id);
    }
    if (pending.size > 0 && !draining && !stopping.signal.aborted) draining = drain();
  }

  return {
    publish,
    refresh,
    refreshAll: () => refresh(deps.agenda.homeOpeners()),
    idle: async () => {
      while (draining) await draining;
    },
    stop: () => stopping.abort(),
  };
}
