import type { Catalog } from "../../../src/catalog/schema.ts";
import { FixedClock } from "../../../src/clock.ts";
import type { Deps } from "../../../src/deps.ts";
import type { TalkSearch } from "../../../src/search/types.ts";
import type { PersonalListenerDeps } from "../../../src/slack/listeners/index.ts";
import { snapshotOf } from "../../../src/snapshot.ts";
import { fakeSearch, memoryLogger, seedCatalog } from "../fixtures.ts";

/** Records every call a listener makes to ack, respond and the Web API client. */
export function fakeBolt() {
  const acks: unknown[] = [];
  const responds: Record<string, unknown>[] = [];
  const posts: Record<string, unknown>[] = [];
  const ephemerals: Record<string, unknown>[] = [];
  let postError: unknown;
  return {
    acks,
    responds,
    posts,
    ephemerals,
    failPostsWith(err: unknown) {
      postError = err;
    },
    ack: async (response?: unknown) => {
      acks.push(response);
    },
    respond: async (message: Record<string, unknown>) => {
      responds.push(message);
    },
    client: {
      chat: {
        postMessage: async (args: Record<string, unknown>) => {
          posts.push(args);
          if (postError) throw postError;
          return { ok: true, ts: "1.2" };
        },
        postEphemeral: async (args: Record<string, unknown>) => {
          ephemerals.push(args);
          return { ok: true };
        },
      },
    },
  };
}

/** Listener deps over `catalog` (the seed) and the fake search of it, unless given another. */
export function deps(over: { catalog?: Catalog; search?: TalkSearch } = {}) {
  const logger = memoryLogger();
  const catalog = over.catalog ?? seedCatalog;
  const search = fakeSearch(catalog);
  const snapshot = snapshotOf(catalog, { search: over.search ?? search });
  return {
    logger,
    search,
    deps: {
      current: () => snapshot,
      clock: new FixedClock(new Date("2020-03-03T09:00:00Z")),
      logger,
    } satisfies Deps,
  };
}

/** Casts a hand-built listener argument to what Bolt would pass. */
export const asArgs = <T>(value: unknown): T => value as T;

/**
 * Personal deps for tests that only record what registerListeners registers: the
 * listeners are built, never run, so nothing here is called.
 */
export function personalFakes(): PersonalListenerDeps {
  const never = () => {
    throw new Error("personalFakes: not for running listeners");
  };
  return {
    agenda: new Proxy({}, { get: () => never }) as PersonalListenerDeps["agenda"],
    homes: new Proxy({}, { get: () => never }) as PersonalListenerDeps["homes"],
    finder: never,
    calendar: {
      publicUrl: null,
      store: { calendarToken: never, resetCalendarToken: never },
      newToken: never,
      feedUrl: never,
    },
  };
}
