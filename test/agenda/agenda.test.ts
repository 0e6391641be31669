import { afterEach, describe, expect, it } from "vitest";
import { type Agenda, loadAgenda } from "../../src/agenda/agenda.ts";
import { agendaView } from "../../src/agenda/agenda-view.ts";
import type { Talk } from "../../src/catalog/schema.ts";
import type { Store } from "../../src/store/store.ts";
import { catalogOf, memoryStore, quietLogger } from "../digest/helpers.ts";
import { testEngines } from "../support/stores.ts";

const at = (iso: string) => new Date(iso);

describe("agenda in memory, backed by the store", () => {
  const open: { stop(): void }[] = [];
  const stores: Store[] = [];
  afterEach(async () => {
    for (const a of open.splice(0)) a.stop();
    for (const s of stores.splice(0)) await s.close();
  });
  async function agendaOn(store: Store): Promise<Agenda> {
    const a = await loadAgenda({ store, logger: quietLogger(), pollMs: 0 });
    open.push(a);
    return a;
  }

  it("answers stars from memory at once and keeps them for the next start", async () => {
    const store = await memoryStore();
    stores.push(store);
    const a = await agendaOn(store);
    const heard: string[][] = [];
    a.subscribe((ids) => heard.push([...ids]));
    await a.star("U1", "t1", true);
    await a.star("U1", "t2", true);
    await a.star("U1", "t1", false);
    expect(a.isStarred("U1", "t2")).toBe(true);
    expect(a.isStarred("U1", "t1")).toBe(false);
    expect(a.starsOf("U1")).toEqual(["t2"]);
    expect([...a.starrersOf("t2")]).toEqual(["U1"]);
    expect(heard).toEqual([["U1"], ["U1"], ["U1"]]);
    const again = await agendaOn(store);
    expect(again.starsOf("U1")).toEqual(["t2"]);
  });

  it("uses 10 minutes unless a person chose otherwise, and 0 means off", async () => {
    const store = await memoryStore();
    stores.push(store);
    const a = await agendaOn(store);
    expect(a.remindMinutes("U1")).toBe(10);
    await a.setRemindMinutes("U1", 0);
    await a.setRemindMinutes("U2", 30);
    expect(a.remindMinutes("U1")).toBe(0);
    expect(a.remindMinutes("U2")).toBe(30);
    expect(a.homeOpened("U2")).toBe(false);
    await a.openedHome("U2");
    expect((await agendaOn(store)).homeOpened("U2")).toBe(true);
  });
});

describe.each(testEngines)("agenda across replicas on $name", (engine) => {
  it("sees another replica's stars and unstars after a refresh", async () => {
    const db = await engine.fresh();
    const [s1, s2] = [await db.open(), await db.open()];
    try {
      const a = await loadAgenda({ store: s1, logger: quietLogger(), pollMs: 0 });
      const b = await loadAgenda({ store: s2, logger: quietLogger(), pollMs: 0 });
      const heard: string[] = [];
      b.subscribe((ids) => heard.push(...ids));
      await a.star("U1", "t1", true);
      await a.setRemindMinutes("U1", 5);
      await b.refresh();
      expect(b.isStarred("U1", "t1")).toBe(true);
      expect(b.remindMinutes("U1")).toBe(5);
      await a.star("U1", "t1", false);
      await b.refresh();
      expect(b.isStarred("U1", "t1")).toBe(false);
      expect(heard).toContain("U1");
    } finally {
      await s1.close();
      await s2.close();
      await db.drop();
    }
  });
});

describe("agenda view", () => {
  const catalog = catalogOf(
    "Europe/London",
    ["A", "B"],
    [
      { id: "early", track: "A", start: at("2020-03-03T09:00:00Z"), minutes: 50 },
      { id: "clash1", track: "A", start: at("2020-03-03T10:35:00Z"), minutes: 50 },
      { id: "clash2", track: "B", start: at("2020-03-03T11:00:00Z"), minutes: 50 },
      { id: "later", track: "B", start: at("2020-03-03T14:00:00Z"), minutes: 50 },
      { id: "day2", track: "A", start: at("2020-03-04T09:00:00Z"), minutes: 50 },
      { id: "untimed", track: "A" },
    ],
  );
  const byId = new Map(catalog.talks.map((t) => [t.id, t]));
  const find = (id: string) => byId.get(id);
  const ids = (talks: Talk[]) => talks.map((t) => t.id);

  it("puts starred talks in time order by day, marks clashes, now and next", () => {
    const view = agendaView(
      ["later", "day2", "clash2", "untimed", "early", "clash1", "dropped"],
      find,
      at("2020-03-03T10:40:00Z"),
    );
    expect(view.days.map((d) => d.day)).toEqual(["2020-03-03", "2020-03-04"]);
    const day1 = view.days[0]?.entries ?? [];
    expect(day1.map((e) => [e.talk.id, e.when, ids(e.overlaps)])).toEqual([
      ["early", "past", []],
      ["clash1", "now", ["clash2"]],
      ["clash2", "next", ["clash1"]],
      ["later", "later", []],
    ]);
    expect(ids(view.untimed)).toEqual(["untimed"]);
    expect(view.gone).toBe(1);
    expect(view.count).toBe(6);
  });
});
