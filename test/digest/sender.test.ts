import { describe, expect, it } from "vitest";
import type { PlannedDigest } from "../../src/digest/plan.ts";
import { planDigests } from "../../src/digest/plan.ts";
import { createSender, type SenderHooks, type Sleep } from "../../src/digest/sender.ts";
import {
  catalogOf,
  FixedClock,
  fakeSlack,
  httpError,
  instantSleep,
  platformError,
  quietLogger,
  rateLimited,
  settingsOf,
} from "./helpers.ts";

const at = (iso: string) => new Date(iso);

/** Two tracks in two channels, both slots at 10:35 (due 10:25). */
function twoChannels(): PlannedDigest[] {
  const catalog = catalogOf(
    "Europe/London",
    ["Architecture", "Culture"],
    [
      { id: "a1", track: "Architecture", start: at("2020-03-03T10:35:00Z") },
      { id: "c1", track: "Culture", start: at("2020-03-03T10:35:00Z") },
    ],
  );
  return planDigests(
    catalog,
    settingsOf({
      rules: [
        { track: "Architecture", channel: "#arch", exclude: false },
        { track: "Culture", channel: "#culture", exclude: false },
      ],
    }),
  );
}

function recordingHooks() {
  const posted: string[] = [];
  const missed: { key: string; why: string }[] = [];
  const failed: string[] = [];
  const hooks: SenderHooks = {
    posted: async (d) => {
      posted.push(d.key);
    },
    missed: async (d, why) => {
      missed.push({ key: d.key, why });
    },
    failed: (d) => {
      failed.push(d.key);
    },
  };
  return { hooks, posted, missed, failed };
}

describe("createSender", () => {
  it("waits Retry-After on a 429 and then posts exactly once", async () => {
    const clock = new FixedClock(at("2020-03-03T10:25:00Z"));
    const slack = fakeSlack(clock, (_c, n) => (n === 1 ? rateLimited(7) : null));
    const sleep = instantSleep();
    const { hooks, posted } = recordingHooks();
    const sender = createSender({ client: slack, clock, logger: quietLogger(), hooks, sleep });
    const [arch] = twoChannels();
    sender.enqueue(arch as PlannedDigest);
    await sender.idle();
    expect(slack.posts).toHaveLength(1);
    expect(slack.attempts.get("#arch")).toBe(2);
    expect(posted).toEqual([arch?.key]);
    expect(sleep.calls[0]).toBe(7000);
  });

  it("keeps posting to one channel on time while another answers 5xx", async () => {
    const clock = new FixedClock(at("2020-03-03T10:25:00Z"));
    const slack = fakeSlack(clock, (channel) => (channel === "#arch" ? httpError(503) : null));
    // The failing channel's backoff waits until we let it go on; pacing waits return at once.
    const held: (() => void)[] = [];
    const sleep: Sleep = (ms) =>
      ms === 1100 ? Promise.resolve() : new Promise<void>((resolve) => held.push(resolve));
    const { hooks, posted, missed } = recordingHooks();
    const logger = quietLogger();
    const sender = createSender({ client: slack, clock, logger, hooks, sleep, random: () => 1 });
    const [arch, culture] = twoChannels() as [PlannedDigest, PlannedDigest];
    sender.enqueue(arch);
    sender.enqueue(culture);
    await new Promise((r) => setImmediate(r));

    // #culture went out at once, at 10:25, while #arch waits out its backoff.
    expect(slack.posts.map((p) => [p.channel, p.at.toISOString()])).toEqual([
      ["#culture", "2020-03-03T10:25:00.000Z"],
    ]);
    expect(posted).toEqual([culture.key]);
    expect(held).toHaveLength(1);

    // #arch keeps failing with growing backoff until its slot begins: missed, never late.
    for (let i = 0; i < 5; i++) {
      clock.advance(60_000);
      held.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    clock.set(at("2020-03-03T10:35:00Z"));
    held.shift()?.();
    await sender.idle();
    expect(slack.posts.filter((p) => p.channel === "#arch")).toHaveLength(0);
    expect(missed).toEqual([{ key: arch.key, why: expect.stringContaining("HTTP 503") }]);
    const waits = logger.lines.filter((l) => l.level === "warn").map((l) => l.text);
    expect(waits[0]).toMatch(/HTTP 503; retrying in 1000 ms/);
    expect(waits[1]).toMatch(/retrying in 2000 ms/);
  });

  it("retries network errors and succeeds", async () => {
    const clock = new FixedClock(at("2020-03-03T10:25:00Z"));
    const network = Object.assign(new Error("ECONNRESET"), { code: "slack_webapi_request_error" });
    const slack = fakeSlack(clock, (_c, n) => (n < 3 ? network : null));
    const { hooks, posted } = recordingHooks();
    const sender = createSender({
      client: slack,
      clock,
      logger: quietLogger(),
      hooks,
      sleep: instantSleep(),
    });
    const [arch] = twoChannels();
    sender.enqueue(arch as PlannedDigest);
    await sender.idle();
    expect(slack.posts).toHaveLength(1);
    expect(posted).toHaveLength(1);
  });

  it("gives up at once on a refusal such as channel_not_found", async () => {
    const clock = new FixedClock(at("2020-03-03T10:25:00Z"));
    const slack = fakeSlack(clock, () => platformError("channel_not_found"));
    const { hooks, failed, posted } = recordingHooks();
    const sender = createSender({
      client: slack,
      clock,
      logger: quietLogger(),
      hooks,
      sleep: instantSleep(),
    });
    const [arch] = twoChannels();
    sender.enqueue(arch as PlannedDigest);
    await sender.idle();
    expect(slack.attempts.get("#arch")).toBe(1);
    expect(failed).toEqual([arch?.key]);
    expect(posted).toEqual([]);
  });

  it("paces a shared channel at about one message a second, earliest slot first", async () => {
    const clock = new FixedClock(at("2020-03-03T10:25:00Z"));
    const slack = fakeSlack(clock);
    const sleep = instantSleep();
    const { hooks } = recordingHooks();
    const sender = createSender({ client: slack, clock, logger: quietLogger(), hooks, sleep });
    const shared = twoChannels().map((d) => ({ ...d, channel: "#all" }));
    const first = shared[0] as PlannedDigest;
    const later = {
      ...first,
      key: "later",
      deadline: at("2020-03-03T11:00:00Z"),
      talks: first.talks.map((t) => ({ ...t, title: "Later talk" })),
    };
    sender.enqueue(later);
    for (const d of shared) sender.enqueue(d);
    expect(sender.enqueue(shared[0] as PlannedDigest)).toBe(false);
    await sender.idle();
    expect(slack.posts).toHaveLength(3);
    expect(sleep.calls.filter((ms) => ms >= 1000)).toHaveLength(3);
    // "later" was queued first but goes last: its slot is furthest away.
    expect(slack.posts.map((p) => /Talk a1|Talk c1|Later talk/.exec(p.text)?.[0])).toEqual([
      "Talk a1",
      "Talk c1",
      "Later talk",
    ]);
    expect(sender.has("later")).toBe(false);
  });

  it("reports a digest whose slot began while it waited as missed, without posting it", async () => {
    const clock = new FixedClock(at("2020-03-03T10:34:59Z"));
    const slack = fakeSlack(clock, (_c, n) => (n === 1 ? rateLimited(30) : null));
    const { hooks, missed } = recordingHooks();
    const sender = createSender({
      client: slack,
      clock,
      logger: quietLogger(),
      hooks,
      sleep: instantSleep(clock),
    });
    const [arch] = twoChannels();
    sender.enqueue(arch as PlannedDigest);
    await sender.idle();
    expect(slack.posts).toHaveLength(0);
    expect(missed.map((m) => m.key)).toEqual([arch?.key]);
  });

  it("posts the catalog's current version of a queued digest, and drops one a reload removed", async () => {
    const clock = new FixedClock(at("2020-03-03T10:25:00Z"));
    const slack = fakeSlack(clock);
    const { hooks, posted } = recordingHooks();
    const [arch, culture] = twoChannels() as [PlannedDigest, PlannedDigest];
    const renamed = {
      ...arch,
      talks: arch.talks.map((t) => ({ ...t, title: "Renamed at the last minute" })),
    };
    hooks.current = (d) => (d.key === arch.key ? renamed : null);
    const sender = createSender({
      client: slack,
      clock,
      logger: quietLogger(),
      hooks,
      sleep: instantSleep(),
    });
    sender.enqueue(arch);
    sender.enqueue(culture);
    await sender.idle();
    expect(slack.posts.map((p) => p.text)).toEqual([
      expect.stringContaining("Renamed at the last minute"),
    ]);
    expect(posted).toEqual([arch.key]);
  });
});
