import { FixedClock } from "../../../src/clock.ts";
import type { ListenerDeps } from "../../../src/slack/deps.ts";
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

export function deps(over: Partial<ListenerDeps> = {}) {
  const logger = memoryLogger();
  const search = fakeSearch(seedCatalog);
  return {
    logger,
    search,
    deps: {
      getSearch: () => search,
      getCatalog: () => seedCatalog,
      clock: new FixedClock(new Date("2020-03-03T09:00:00Z")),
      logger,
      ...over,
    } satisfies ListenerDeps,
  };
}

/** Casts a hand-built listener argument to what Bolt would pass. */
export const asArgs = <T>(value: unknown): T => value as T;
