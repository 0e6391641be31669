import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { appMentionCallback } from "../../../src/slack/listeners/events/app-mention.ts";
import { MemorySeenIds } from "../../../src/slack/listeners/events/seen-events.ts";
import { testEngines } from "../../support/stores.ts";
import { throwingSearch } from "../fixtures.ts";
import { asArgs, deps, fakeBolt } from "./fakes.ts";

type Args = SlackEventMiddlewareArgs<"app_mention"> & AllMiddlewareArgs;

function mention(eventId: string, text: string, threadTs?: string) {
  return {
    event: {
      type: "app_mention",
      user: "U0ALICE",
      channel: "C0CONF",
      ts: "1583225000.000100",
      text,
      thread_ts: threadTs,
    },
    body: { event_id: eventId },
    context: { botUserId: "U0BOT" },
  };
}

describe.each(testEngines)("app_mention dedupe on the $name store", (engine) => {
  it("answers a retry once across a restart and across replicas", async () => {
    const db = await engine.fresh();
    const first = await db.open();
    const { deps: d } = deps();
    const bolt = fakeBolt();
    try {
      await appMentionCallback(
        d,
        first,
      )(asArgs<Args>({ ...bolt, ...mention("Ev9", "<@U0BOT> kafka") }));
      await first.close();
      // After a restart, and on another replica, Slack's retry is recognised.
      const [again, other] = [await db.open(), await db.open()];
      await appMentionCallback(
        d,
        again,
      )(asArgs<Args>({ ...bolt, ...mention("Ev9", "<@U0BOT> kafka") }));
      await appMentionCallback(
        d,
        other,
      )(asArgs<Args>({ ...bolt, ...mention("Ev9", "<@U0BOT> kafka") }));
      await again.close();
      await other.close();
      expect(bolt.posts).toHaveLength(1);
    } finally {
      await db.drop();
    }
  });
});

describe("app_mention", () => {
  it("strips the mention and answers in a thread of the mentioning message", async () => {
    const { deps: d, search } = deps();
    const bolt = fakeBolt();
    await appMentionCallback(
      d,
      new MemorySeenIds(),
    )(asArgs<Args>({ ...bolt, ...mention("Ev1", "<@U0BOT> kafka") }));
    expect(search.calls[0]?.query).toBe("kafka");
    expect(bolt.posts).toHaveLength(1);
    expect(bolt.posts[0]).toMatchObject({
      channel: "C0CONF",
      thread_ts: "1583225000.000100",
      text: "1 talk for “kafka”: Kafka in production",
    });
  });

  it("stays in the thread when mentioned inside one", async () => {
    const { deps: d } = deps();
    const bolt = fakeBolt();
    await appMentionCallback(
      d,
      new MemorySeenIds(),
    )(asArgs<Args>({ ...bolt, ...mention("Ev1", "kafka <@U0BOT>", "1583224000.000001") }));
    expect(bolt.posts[0]?.thread_ts).toBe("1583224000.000001");
  });

  it("answers the same event_id once, however often Slack delivers it", async () => {
    const { deps: d } = deps();
    const bolt = fakeBolt();
    const listener = appMentionCallback(d, new MemorySeenIds());
    for (const id of ["Ev1", "Ev1", "Ev2", "Ev1"]) {
      await listener(asArgs<Args>({ ...bolt, ...mention(id, "<@U0BOT> kafka") }));
    }
    expect(bolt.posts).toHaveLength(2);
  });

  it("apologises in the thread with a logged reference when the search fails", async () => {
    const { deps: d, logger } = deps({ search: throwingSearch() });
    const bolt = fakeBolt();
    await appMentionCallback(
      d,
      new MemorySeenIds(),
    )(asArgs<Args>({ ...bolt, ...mention("Ev1", "<@U0BOT> kafka") }));
    const text = String(bolt.posts[0]?.text);
    const ref = /reference `([0-9a-f]{8})`/.exec(text)?.[1];
    expect(bolt.posts[0]?.thread_ts).toBe("1583225000.000100");
    expect(logger.lines.some((l) => String(l.args[0]).includes(`[ref ${ref}]`))).toBe(true);
  });

  it("logs, and does not throw, when Slack refuses the reply", async () => {
    const { deps: d, logger } = deps();
    const bolt = fakeBolt();
    bolt.failPostsWith(
      Object.assign(new Error("An API error occurred: channel_not_found"), {
        data: { error: "channel_not_found" },
      }),
    );
    await appMentionCallback(
      d,
      new MemorySeenIds(),
    )(asArgs<Args>({ ...bolt, ...mention("Ev1", "<@U0BOT> kafka") }));
    expect(
      logger.lines.some(
        (l) => l.level === "error" && String(l.args[0]).includes("chat.postMessage"),
      ),
    ).toBe(true);
  });
});

describe("MemorySeenIds", () => {
  it("forgets the oldest ids beyond its capacity", async () => {
    const seen = new MemorySeenIds(2);
    expect(await seen.firstSeen("event", "a")).toBe(true);
    expect(await seen.firstSeen("event", "b")).toBe(true);
    expect(await seen.firstSeen("event", "a")).toBe(false);
    expect(await seen.firstSeen("event", "c")).toBe(true);
    expect(await seen.firstSeen("event", "a")).toBe(true);
  });
});
