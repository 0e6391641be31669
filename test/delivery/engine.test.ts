import { describe, expect, it } from "vitest";
import {
  createDeliveryEngine,
  type Deliverable,
  type DeliveryEngine,
  type DeliveryPort,
  type EngineOptions,
  type Sleep,
} from "../../src/delivery/engine.ts";
import { DeliveryError } from "../../src/delivery/failure.ts";
import { createPostGate } from "../../src/delivery/post-gate.ts";
import type { PlannedDigest } from "../../src/digest/plan.ts";
import { planDigests } from "../../src/digest/plan.ts";
import { describe as describeDigest } from "../../src/digest/scheduler.ts";
import type { Store } from "../../src/store/store.ts";
import {
  catalogOf,
  digestPort,
  type FakeSlackClient,
  FixedClock,
  fakeSlack,
  httpError,
  instantSleep,
  memoryStore,
  networkError,
  platformError,
  quietLogger,
  rateLimited,
  settingsOf,
} from "../digest/helpers.ts";

const at = (iso: string) => new Date(iso);

/** Two tracks in two channels, both slots at 10:35 (due 10:25). */
function twoChannels(extra: Parameters<typeof catalogOf>[2] = []): PlannedDigest[] {
  const catalog = catalogOf(
    "Europe/London",
    ["Architecture", "Culture"],
    [
      { id: "a1", track: "Architecture", start: at("2020-03-03T10:35:00Z") },
      { id: "c1", track: "Culture", start: at("2020-03-03T10:35:00Z") },
      ...extra,
    ],
  );
  return planDigests(
    catalog,
    settingsOf({
      rules: [
        { track: "Architecture", channel: "C0ARCH001", exclude: false },
        { track: "Culture", channel: "C0CULT001", exclude: false },
      ],
    }),
  );
}

async function engineFor(
  slack: FakeSlackClient,
  clock: FixedClock,
  options: Partial<EngineOptions<PlannedDigest>> & { store?: Store } = {},
) {
  const store = options.store ?? (await memoryStore());
  const logger = quietLogger();
  const engine = createDeliveryEngine<PlannedDigest>({
    store,
    port: digestPort(slack),
    clock,
    logger,
    holder: "test-holder",
    sleep: instantSleep(),
    describe: describeDigest,
    ...options,
  });
  return { engine, store, logger };
}

const statusOf = async (store: Store, d: PlannedDigest | undefined) =>
  (await store.delivery(d?.key ?? ""))?.status;

describe("the delivery engine", () => {
  it("waits Retry-After on a 429 and then posts exactly once, with its key in metadata", async () => {
    const clock = new FixedClock(at("2020-03-03T10:25:00Z"));
    const slack = fakeSlack(clock, (_c, n) => (n === 1 ? rateLimited(7) : null));
    const sleep = instantSleep();
    const { engine, store } = await engineFor(slack, clock, { sleep });
    const [arch] = twoChannels();
    engine.enqueue(arch as PlannedDigest);
    await engine.idle();
    expect(slack.posts).toHaveLength(1);
    expect(slack.posts[0]?.key).toBe(arch?.key);
    expect(slack.attempts.get("C0ARCH001")).toBe(2);
    expect(sleep.calls[0]).toBe(7000);
    // Slack answered the 429, so nothing was in doubt: no history lookup.
    expect(slack.historyCalls).toHaveLength(0);
    expect(await store.delivery(arch?.key ?? "")).toMatchObject({
      status: "posted",
      channel: "C0ARCH001",
      ts: slack.posts[0]?.ts,
    });
  });

  it("looks in history before posting again after an answer that never came", async () => {
    const clock = new FixedClock(at("2020-03-03T10:25:00Z"));
    // Slack takes the post, but the answer is lost (a timeout, a reset connection).
    const slack = fakeSlack(clock, (_c, n) =>
      n === 1 ? { acceptThenThrow: networkError("timeout") } : null,
    );
    const { engine, store, logger } = await engineFor(slack, clock);
    const [arch] = twoChannels();
    engine.enqueue(arch as PlannedDigest);
    await engine.idle();
    expect(slack.posts).toHaveLength(1);
    expect(slack.attempts.get("C0ARCH001")).toBe(1);
    expect(slack.historyCalls.map((c) => c.channel)).toEqual(["C0ARCH001"]);
    expect(await store.delivery(arch?.key ?? "")).toMatchObject({
      status: "posted",
      ts: slack.posts[0]?.ts,
    });
    expect(logger.lines.some((l) => /found already posted/.test(l.text))).toBe(true);
  });

  it("posts again once history shows a lost post did not land", async () => {
    const clock = new FixedClock(at("2020-03-03T10:25:00Z"));
    const slack = fakeSlack(clock, (_c, n) => (n <= 2 ? networkError() : null));
    const { engine, store } = await engineFor(slack, clock);
    const [arch] = twoChannels();
    engine.enqueue(arch as PlannedDigest);
    await engine.idle();
    expect(slack.posts).toHaveLength(1);
    expect(slack.historyCalls).toHaveLength(2);
    expect(await statusOf(store, arch)).toBe("posted");
  });

  it("keeps posting to one channel on time while another answers 5xx until its slot begins", async () => {
    const clock = new FixedClock(at("2020-03-03T10:25:00Z"));
    const slack = fakeSlack(clock, (channel) => (channel === "C0ARCH001" ? httpError(503) : null));
    // Each wait moves the clock on, so the failing channel runs into its slot.
    const sleep = instantSleep(clock, 60);
    const { engine, store, logger } = await engineFor(slack, clock, { sleep, random: () => 1 });
    const [arch, culture] = twoChannels();
    engine.enqueue(arch as PlannedDigest);
    engine.enqueue(culture as PlannedDigest);
    await engine.idle();
    expect(slack.posts.map((p) => p.channel)).toEqual(["C0CULT001"]);
    expect(slack.posts[0]?.at.getTime()).toBeLessThan(at("2020-03-03T10:27:00Z").getTime());
    expect(await statusOf(store, culture)).toBe("posted");
    expect(await store.delivery(arch?.key ?? "")).toMatchObject({
      status: "missed",
      detail: expect.stringContaining("HTTP 503"),
    });
    const waits = logger.lines.filter((l) => /retrying in/.test(l.text)).map((l) => l.text);
    expect(waits[0]).toMatch(/HTTP 503; retrying in 1000 ms/);
    expect(waits[1]).toMatch(/retrying in 2000 ms/);
  });

  it("settles a refusal such as channel_not_found as failed, after one attempt", async () => {
    const clock = new FixedClock(at("2020-03-03T10:25:00Z"));
    const slack = fakeSlack(clock, () => platformError("channel_not_found"));
    const { engine, store, logger } = await engineFor(slack, clock);
    const [arch] = twoChannels();
    engine.enqueue(arch as PlannedDigest);
    await engine.idle();
    expect(slack.attempts.get("C0ARCH001")).toBe(1);
    expect(await store.delivery(arch?.key ?? "")).toMatchObject({
      status: "failed",
      detail: "channel_not_found",
    });
    expect(logger.lines.find((l) => l.level === "error")?.text).toMatch(
      /^digest not posted: Architecture .* Slack refused it \(channel_not_found\): check the channel id/,
    );
  });

  it("paces a shared channel at about one message a second, earliest deadline first", async () => {
    const clock = new FixedClock(at("2020-03-03T10:25:00Z"));
    const slack = fakeSlack(clock);
    const sleep = instantSleep();
    const { engine } = await engineFor(slack, clock, { sleep, pacingMs: 1100 });
    const shared = planDigests(
      catalogOf(
        "Europe/London",
        ["A", "B"],
        [
          { id: "later", track: "A", start: at("2020-03-03T10:50:00Z"), title: "Later talk" },
          { id: "a1", track: "A", start: at("2020-03-03T10:35:00Z") },
          { id: "b1", track: "B", start: at("2020-03-03T10:35:00Z") },
        ],
      ),
      settingsOf(),
    );
    for (const i of [2, 0, 1]) engine.enqueue(shared[i] as PlannedDigest);
    expect(engine.enqueue(shared[0] as PlannedDigest)).toBe(false);
    await engine.idle();
    expect(slack.posts.map((p) => /Talk \w+|Later talk/.exec(p.text)?.[0])).toEqual([
      "Talk a1",
      "Talk b1",
      "Later talk",
    ]);
    expect(sleep.calls.filter((ms) => ms === 1100)).toHaveLength(3);
    expect(engine.has(shared[2]?.key ?? "")).toBe(false);
  });

  it("posts the current version of a queued item, and drops one that is no longer planned", async () => {
    const clock = new FixedClock(at("2020-03-03T10:25:00Z"));
    const slack = fakeSlack(clock);
    const [arch, culture] = twoChannels() as [PlannedDigest, PlannedDigest];
    const renamed = { ...arch, talks: [{ ...arch.talks[0], title: "Renamed at the last minute" }] };
    const { engine, store } = await engineFor(slack, clock, {
      current: (d) => (d.key === arch.key ? (renamed as PlannedDigest) : null),
    });
    engine.enqueue(arch);
    engine.enqueue(culture);
    await engine.idle();
    expect(slack.posts.map((p) => p.text)).toEqual([
      expect.stringContaining("Renamed at the last minute"),
    ]);
    expect(await statusOf(store, culture)).toBeUndefined();
  });

  it("posts once when two processes queue the same item on one store", async () => {
    const clock = new FixedClock(at("2020-03-03T10:25:00Z"));
    const slack = fakeSlack(clock);
    const one = await engineFor(slack, clock);
    const two = await engineFor(slack, clock, { store: one.store, holder: "other-holder" });
    for (const d of twoChannels()) {
      one.engine.enqueue(d);
      two.engine.enqueue(d);
    }
    await Promise.all([one.engine.idle(), two.engine.idle()]);
    expect(slack.posts.map((p) => p.channel).sort()).toEqual(["C0ARCH001", "C0CULT001"]);
  });

  it("takes over a dead holder's claim after its lease, and records the post it had made", async () => {
    const clock = new FixedClock(at("2020-03-03T10:25:00Z"));
    const slack = fakeSlack(clock);
    const store = await memoryStore();
    const [arch, culture] = twoChannels() as [PlannedDigest, PlannedDigest];
    // A process claimed both and sent both, then was killed before it heard back;
    // only the first post had reached Slack.
    for (const d of [arch, culture]) {
      await store.claim(d.key, "digest", "dead", -1);
      await store.beginPost(d.key, "dead", -1);
    }
    await digestPort(slack).post(arch);
    const { engine } = await engineFor(slack, clock, { store });
    engine.enqueue(arch);
    engine.enqueue(culture);
    await engine.idle();
    expect(slack.posts.map((p) => p.channel)).toEqual(["C0ARCH001", "C0CULT001"]);
    expect(await store.delivery(arch.key)).toMatchObject({
      status: "posted",
      ts: slack.posts[0]?.ts,
    });
    expect(await statusOf(store, culture)).toBe("posted");
  });

  it("leaves a claim another live process holds alone", async () => {
    const clock = new FixedClock(at("2020-03-03T10:25:00Z"));
    const slack = fakeSlack(clock);
    const store = await memoryStore();
    const [arch] = twoChannels() as [PlannedDigest];
    await store.claim(arch.key, "digest", "alive", 60_000);
    const { engine } = await engineFor(slack, clock, { store });
    engine.enqueue(arch);
    await engine.idle();
    expect(slack.posts).toHaveLength(0);
  });

  it("never posts without a claim: a store that refuses writes means no post", async () => {
    const clock = new FixedClock(at("2020-03-03T10:25:00Z"));
    const slack = fakeSlack(clock);
    const store = await memoryStore();
    store.claim = async () => {
      throw new Error("SQLITE_FULL: database or disk is full");
    };
    const sleep: Sleep = async () => {
      clock.advance(60_000);
    };
    const { engine, logger } = await engineFor(slack, clock, { store, sleep });
    engine.enqueue(twoChannels()[0] as PlannedDigest);
    await engine.idle();
    expect(slack.posts).toHaveLength(0);
    expect(logger.lines.some((l) => /store unavailable \(SQLITE_FULL/.test(l.text))).toBe(true);
  });
});

interface Dm extends Deliverable {
  text: string;
}

/** One DM per person, all due by `deadline` (a reminder storm in miniature). */
function dms(
  count: number,
  deadline: (i: number) => Date = () => at("2020-03-03T10:35:00Z"),
): Dm[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `reminder:U${i}:talk`,
    kind: "reminder",
    channel: `U${String(i).padStart(4, "0")}`,
    deadline: deadline(i),
    text: `reminder ${i}`,
  }));
}

/**
 * A port that records each post attempt (and how many were on the wire at once),
 * answering with `answer(attempt number)`: a DeliveryError to reject, else posted.
 */
function recordingPort(answer: (n: number) => DeliveryError | null = () => null, wireMs = 0) {
  const attempts: { channel: string; key: string }[] = [];
  let onWire = 0;
  const wire = { max: 0 };
  const port: DeliveryPort<Dm> = {
    async post(item) {
      attempts.push({ channel: item.channel, key: item.key });
      onWire++;
      wire.max = Math.max(wire.max, onWire);
      try {
        if (wireMs > 0) await new Promise((r) => setTimeout(r, wireMs));
        const failure = answer(attempts.length);
        if (failure) throw failure;
        return { channel: item.channel, ts: `${attempts.length}.000100` };
      } finally {
        onWire--;
      }
    },
    async find() {
      return null;
    },
  };
  return Object.assign(port, { attempts, wire });
}

/** A sleep whose waits of `heldMs` last until `release()`; every other wait is instant. */
function holdingSleep(heldMs: number) {
  const held: (() => void)[] = [];
  const sleep: Sleep = (ms, signal) => {
    if (ms !== heldMs) return Promise.resolve();
    return new Promise<void>((resolve) => {
      held.push(resolve);
      signal.addEventListener("abort", () => resolve(), { once: true });
    });
  };
  return {
    sleep,
    held,
    release() {
      for (const r of held.splice(0)) r();
    },
  };
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 2));
  }
}

const rateLimitedError = (seconds: number) =>
  new DeliveryError({
    kind: "rate-limited",
    waitMs: seconds * 1000,
    what: `429, retry after ${seconds}s`,
  });

async function dmEngine(
  port: DeliveryPort<Dm>,
  options: Partial<EngineOptions<Dm>> = {},
): Promise<{ engine: DeliveryEngine<Dm>; store: Store }> {
  const store = await memoryStore();
  const engine = createDeliveryEngine<Dm>({
    store,
    port,
    clock: new FixedClock(at("2020-03-03T10:25:00Z")),
    logger: quietLogger(),
    holder: "test-holder",
    sleep: instantSleep(),
    ...options,
  });
  return { engine, store };
}

describe("the delivery engine's workspace gate", () => {
  it("lets no channel post while a 429's Retry-After runs, then posts everything once", async () => {
    const port = recordingPort((n) => (n === 1 ? rateLimitedError(5) : null));
    const pause = holdingSleep(5_000);
    const { engine, store } = await dmEngine(port, { sleep: pause.sleep });
    const items = dms(40);
    for (const d of items) engine.enqueue(d);

    await until(() => pause.held.length > 0);
    const beforePause = port.attempts.length;
    // Time for every channel worker to run as far as it can.
    await new Promise((r) => setTimeout(r, 50));
    expect(port.attempts.length).toBe(beforePause);
    // Only posts already granted a slot when the 429 came back went out: one slot's worth.
    expect(beforePause).toBeLessThanOrEqual(8);

    pause.release();
    await engine.idle();
    const keys = port.attempts.map((a) => a.key);
    expect(keys.length).toBe(items.length + 1);
    expect(new Set(keys).size).toBe(items.length);
    for (const d of items) expect((await store.delivery(d.key))?.status).toBe("posted");
  });

  it("keeps at most maxInFlight posts on the wire at once across channels", async () => {
    const port = recordingPort(() => null, 5);
    const { engine } = await dmEngine(port, { maxInFlight: 4 });
    for (const d of dms(40)) engine.enqueue(d);
    await engine.idle();
    expect(port.attempts).toHaveLength(40);
    expect(port.wire.max).toBe(4);
  });

  it("posts the earliest deadline first across channels, not only within one", async () => {
    const port = recordingPort();
    const { engine } = await dmEngine(port, { maxInFlight: 1 });
    // Queued latest first: 10:59, 10:58, … 10:50.
    const items = dms(10, (i) => new Date(at("2020-03-03T10:59:00Z").getTime() - i * 60_000));
    for (const d of items) engine.enqueue(d);
    await engine.idle();
    expect(port.attempts.map((a) => a.key)).toEqual(items.map((d) => d.key).reverse());
  });

  it("gives way to a later, earlier-due item while others wait their turn", async () => {
    const port = recordingPort(() => null, 2);
    const { engine } = await dmEngine(port, { maxInFlight: 1 });
    const late = dms(5, () => at("2020-03-03T11:30:00Z"));
    for (const d of late) engine.enqueue(d);
    await until(() => port.attempts.length >= 1);
    const urgent = { ...(dms(1)[0] as Dm), key: "reminder:urgent", channel: "U9999" };
    engine.enqueue(urgent);
    await engine.idle();
    expect(port.attempts.map((a) => a.key).indexOf("reminder:urgent")).toBeLessThanOrEqual(2);
  });

  it("stops without waiting out a pause", async () => {
    const port = recordingPort(() => rateLimitedError(3600));
    const pause = holdingSleep(3_600_000);
    const { engine } = await dmEngine(port, { sleep: pause.sleep });
    for (const d of dms(20)) engine.enqueue(d);
    await until(() => pause.held.length > 0);
    await engine.stop();
    expect(port.attempts.length).toBeLessThanOrEqual(8);
  });

  it("shared by two engines, a 429 to one pauses the other and posts are counted together", async () => {
    const pause = holdingSleep(5_000);
    const closing = new AbortController();
    const gate = createPostGate({ maxInFlight: 3, sleep: pause.sleep, signal: closing.signal });
    const reminders = recordingPort((n) => (n === 1 ? rateLimitedError(5) : null));
    const notices = recordingPort(() => null, 5);
    const one = await dmEngine(reminders, { gate, sleep: pause.sleep });
    const other = await dmEngine(notices, { gate, sleep: pause.sleep });
    for (const d of dms(10)) one.engine.enqueue(d);
    await until(() => pause.held.length > 0);
    for (const d of dms(10)) other.engine.enqueue({ ...d, key: `notice:${d.key}` });
    await new Promise((r) => setTimeout(r, 50));
    // The 429 came to the reminders' engine; the other waits it out too.
    expect(notices.attempts).toEqual([]);
    pause.release();
    await Promise.all([one.engine.idle(), other.engine.idle()]);
    expect(notices.attempts).toHaveLength(10);
    expect(reminders.attempts).toHaveLength(11);
    closing.abort();
  });

  it("off (workspaceGate: false), every channel posts on its own, into the 429", async () => {
    const port = recordingPort((n) => (n === 1 ? rateLimitedError(5) : null));
    const pause = holdingSleep(5_000);
    const { engine } = await dmEngine(port, { sleep: pause.sleep, workspaceGate: false });
    for (const d of dms(40)) engine.enqueue(d);
    await until(() => port.attempts.length >= 40);
    expect(pause.held).toHaveLength(1);
    pause.release();
    await engine.idle();
    expect(port.attempts).toHaveLength(41);
  });
});
