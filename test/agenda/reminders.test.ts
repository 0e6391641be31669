import { afterEach, describe, expect, it } from "vitest";
import { type Agenda, loadAgenda } from "../../src/agenda/agenda.ts";
import { startReminders } from "../../src/agenda/reminder-runner.ts";
import { dueReminders, type PlannedReminder } from "../../src/agenda/reminders.ts";
import type { Catalog } from "../../src/catalog/schema.ts";
import type { DeliveryPort } from "../../src/delivery/engine.ts";
import type { Heartbeat } from "../../src/digest/scheduler.ts";
import type { Store } from "../../src/store/store.ts";
import {
  catalogOf,
  FixedClock,
  instantSleep,
  memoryStore,
  quietLogger,
} from "../digest/helpers.ts";

const at = (iso: string) => new Date(iso);
const MIN = 60_000;

function lookupOf(catalog: Catalog) {
  const talks = new Map(catalog.talks.map((t) => [t.id, t]));
  const events = new Map(catalog.events.map((e) => [e.id, e]));
  return { talk: (id: string) => talks.get(id), event: (id: string) => events.get(id) };
}

const day = (k1Start = "2020-03-03T10:35:00Z") =>
  catalogOf(
    "Europe/London",
    ["A"],
    [
      { id: "k1", track: "A", start: at(k1Start), room: "Fleming" },
      { id: "k2", track: "A", start: at("2020-03-03T11:50:00Z") },
    ],
  );

/** A port that records every DM it is asked to send. */
function dmPort(): DeliveryPort<PlannedReminder> & { sent: PlannedReminder[] } {
  const sent: PlannedReminder[] = [];
  return {
    sent,
    async post(r) {
      sent.push(r);
      return { channel: `D-${r.userId}`, ts: String(sent.length) };
    },
    async find() {
      return null;
    },
  };
}
const manual: Heartbeat = () => ({ stop() {} });

describe("reminders", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  async function setUp(store?: Store) {
    const s = store ?? (await memoryStore());
    const agenda = await loadAgenda({ store: s, logger: quietLogger(), pollMs: 0 });
    cleanups.push(() => agenda.stop());
    if (!store) cleanups.push(() => s.close());
    return { store: s, agenda };
  }
  function run(agenda: Agenda, store: Store, clock: FixedClock, catalog: () => Catalog) {
    const port = dmPort();
    const runner = startReminders({
      agenda,
      lookup: () => lookupOf(catalog()),
      port,
      store,
      clock,
      logger: quietLogger(),
      heartbeat: manual,
      engine: { pacingMs: 0, sleep: instantSleep(clock) },
    });
    cleanups.push(() => runner.stop());
    return { runner, port };
  }

  it("is due each person's own lead before the talk, and never after it starts", async () => {
    const { agenda } = await setUp();
    await agenda.star("U1", "k1", true);
    await agenda.star("U2", "k1", true);
    await agenda.setRemindMinutes("U2", 5);
    await agenda.star("U3", "k1", true);
    await agenda.setRemindMinutes("U3", 0);
    const lookup = lookupOf(day());
    const due = (iso: string) =>
      dueReminders(agenda, lookup, agenda.starredTalks(), at(iso)).map((r) => r.userId);
    expect(due("2020-03-03T10:24:59Z")).toEqual([]);
    expect(due("2020-03-03T10:25:00Z")).toEqual(["U1"]);
    expect(due("2020-03-03T10:30:00Z").sort()).toEqual(["U1", "U2"]);
    expect(due("2020-03-03T10:35:00Z")).toEqual([]);
  });

  it("sends one DM per person and talk however often it ticks, and at once when starred late", async () => {
    const { agenda, store } = await setUp();
    const clock = new FixedClock(at("2020-03-03T10:20:00Z"));
    const catalog = day();
    await agenda.star("U1", "k1", true);
    const { runner, port } = run(agenda, store, clock, () => catalog);
    for (let i = 0; i < 12; i++) {
      clock.advance(MIN);
      await runner.tick();
      await runner.idle();
    }
    expect(port.sent.map((r) => [r.userId, r.talk.id])).toEqual([["U1", "k1"]]);
    // 10:32: inside U2's window, so starring reminds them now rather than never.
    await agenda.star("U2", "k1", true);
    await runner.idle();
    await runner.tick();
    await runner.idle();
    expect(port.sent.map((r) => r.userId)).toEqual(["U1", "U2"]);
    expect((await store.deliveries("reminder")).map((d) => d.status)).toEqual(["posted", "posted"]);
  });

  it("does not remind an unstarred talk, and follows a talk that moved", async () => {
    const { agenda, store } = await setUp();
    const clock = new FixedClock(at("2020-03-03T10:00:00Z"));
    let catalog = day();
    const { runner, port } = run(agenda, store, clock, () => catalog);
    await agenda.star("U1", "k1", true);
    await agenda.star("U2", "k1", true);
    await agenda.star("U1", "k1", false);
    catalog = day("2020-03-03T11:00:00Z");
    clock.set(at("2020-03-03T10:26:00Z"));
    await runner.tick();
    await runner.idle();
    expect(port.sent).toEqual([]);
    clock.set(at("2020-03-03T10:50:00Z"));
    await runner.tick();
    await runner.idle();
    expect(port.sent.map((r) => [r.userId, r.deadline.toISOString()])).toEqual([
      ["U2", "2020-03-03T11:00:00.000Z"],
    ]);
  });

  it("reminds once across two replicas sharing the store", async () => {
    const { agenda, store } = await setUp();
    const clock = new FixedClock(at("2020-03-03T10:26:00Z"));
    const catalog = day();
    for (let u = 0; u < 20; u++) await agenda.star(`U${u}`, "k1", true);
    const one = run(agenda, store, clock, () => catalog);
    const two = run(agenda, store, clock, () => catalog);
    await Promise.all([one.runner.tick(), two.runner.tick()]);
    await Promise.all([one.runner.idle(), two.runner.idle()]);
    const sent = [...one.port.sent, ...two.port.sent].map((r) => r.userId).sort();
    expect(sent).toHaveLength(20);
    expect(new Set(sent).size).toBe(20);
  });
});
