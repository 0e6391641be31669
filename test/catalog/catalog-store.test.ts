import { createHash } from "node:crypto";
import { EventEmitter } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CatalogError } from "../../src/catalog/catalog-error.ts";
import {
  catalogDigest,
  openCatalogStore,
  type SignalSource,
  type Timers,
} from "../../src/catalog/catalog-store.ts";
import { loadCatalogFile } from "../../src/catalog/load.ts";
import type { Catalog } from "../../src/catalog/schema.ts";
import { catalogOf, quietLogger } from "../digest/helpers.ts";

/** What the store publishes here: the catalog, in a box of its own (as a snapshot is). */
interface Boxed {
  catalog: Catalog;
}

async function setup(
  initial: Catalog,
  build: (c: Catalog) => Boxed | Promise<Boxed> = (catalog) => ({ catalog }),
) {
  const file = join(mkdtempSync(join(tmpdir(), "talkbot-store-")), "catalog.json");
  writeFileSync(file, JSON.stringify(initial));
  let fileChanged: () => void = () => {};
  const scheduled: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const timers: Timers = {
    setTimeout(fn, ms) {
      const t = { fn, ms, cancelled: false };
      scheduled.push(t);
      return t;
    },
    clearTimeout(t) {
      (t as { cancelled: boolean }).cancelled = true;
    },
  };
  const signals = new EventEmitter();
  const logger = quietLogger();
  const store = await openCatalogStore<Boxed>({
    file,
    logger,
    build,
    watch: (_f, changed) => {
      fileChanged = changed;
      return () => {
        fileChanged = () => {};
      };
    },
    signals: signals as unknown as SignalSource,
    timers,
  });
  const runTimers = () => {
    for (const t of scheduled.splice(0)) if (!t.cancelled) t.fn();
  };
  const running = () => store.current().catalog;
  return {
    file,
    store,
    signals,
    logger,
    runTimers,
    scheduled,
    running,
    fileChanged: () => fileChanged(),
    // A reload asked for while another waits to begin is that one: this awaits it.
    settled: () => store.reload("settled"),
  };
}

const at = (iso: string) => new Date(iso);
const day = (start: string) =>
  catalogOf("Europe/London", ["A"], [{ id: "a1", track: "A", start: at(start) }]);

describe("openCatalogStore", () => {
  it("warns when a valid catalog has no talks, at start-up and on reload", async () => {
    const empty = { ...day("2020-03-03T10:35:00Z"), talks: [] };
    const s = await setup(empty);
    const warnings = () => s.logger.lines.filter((l) => l.level === "warn");
    expect(warnings().map((l) => l.text)).toEqual([
      `${s.file} has no talks: /talk will find nothing and no digest will be posted; rebuild or re-import the catalog (TALKBOT_CATALOG)`,
    ]);
    writeFileSync(s.file, JSON.stringify(day("2020-03-03T11:00:00Z")));
    await s.store.reload();
    writeFileSync(s.file, JSON.stringify(empty));
    await s.store.reload();
    expect(warnings()).toHaveLength(2);
  });

  it("reloads once after a burst of file changes and tells subscribers", async () => {
    const s = await setup(day("2020-03-03T10:35:00Z"));
    const seen: string[] = [];
    s.store.subscribe((b) => seen.push(b.catalog.talks[0]?.start ?? ""));
    writeFileSync(s.file, JSON.stringify(day("2020-03-03T11:00:00Z")));
    s.fileChanged();
    s.fileChanged();
    s.fileChanged();
    expect(s.scheduled.filter((t) => !t.cancelled)).toHaveLength(1);
    s.runTimers();
    expect(await s.settled()).toBe(true);
    expect(seen).toEqual(["2020-03-03T11:00:00+00:00"]);
    expect(s.running().talks[0]?.start).toBe("2020-03-03T11:00:00+00:00");
    expect(s.logger.lines.at(-1)?.text).toMatch(/catalog reloaded \(file changed\): 1 talks/);
  });

  it("keeps the running catalog when the new file is bad, and says why", async () => {
    const s = await setup(day("2020-03-03T10:35:00Z"));
    const before = s.store.current();
    const seen: Boxed[] = [];
    s.store.subscribe((b) => seen.push(b));
    const broken = day("2020-03-03T11:00:00Z");
    (broken.talks[0] as { trackId: string }).trackId = "nope";
    writeFileSync(s.file, JSON.stringify(broken));
    s.fileChanged();
    s.runTimers();
    expect(await s.settled()).toBe(false);
    expect(s.store.current()).toBe(before);
    expect(seen).toEqual([]);
    const warning = s.logger.lines.find((l) => l.level === "warn")?.text ?? "";
    expect(warning).toMatch(/refused; still running the previous catalog \(1 talks\)/);
    expect(warning).toContain('talk "a1" (talks[0]) field trackId: unknown track "nope"');
  });

  it("keeps the running snapshot when building the new one fails", async () => {
    let fail = false;
    const s = await setup(day("2020-03-03T10:35:00Z"), (catalog) => {
      if (fail) throw new Error("index exploded");
      return { catalog };
    });
    const before = s.store.current();
    fail = true;
    writeFileSync(s.file, JSON.stringify(day("2020-03-03T11:00:00Z")));
    expect(await s.store.reload("test")).toBe(false);
    expect(s.store.current()).toBe(before);
    expect(s.logger.lines.at(-1)?.text).toMatch(/refused; still running[\s\S]*index exploded/);
  });

  it("serves the running snapshot while the next one is being built", async () => {
    let release: () => void = () => {};
    let building: () => void = () => {};
    const built = new Promise<void>((r) => (building = r));
    let slow = false;
    const s = await setup(day("2020-03-03T10:35:00Z"), async (catalog) => {
      if (slow) {
        building();
        await new Promise<void>((r) => (release = r));
      }
      return { catalog };
    });
    const before = s.store.current();
    slow = true;
    writeFileSync(s.file, JSON.stringify(day("2020-03-03T11:00:00Z")));
    const reloaded = s.store.reload("test");
    await built;
    expect(s.store.current()).toBe(before);
    // Asked again while one runs: one more, after it (the file may have changed since).
    const again = s.store.reload("again");
    release();
    expect(await reloaded).toBe(true);
    expect(s.running().talks[0]?.start).toBe("2020-03-03T11:00:00+00:00");
    slow = false;
    expect(await again).toBe(false);
    expect(s.logger.lines.at(-1)?.text).toMatch(/reload \(again\): .* unchanged/);
  });

  it("reloads on SIGHUP, and not at all after close", async () => {
    const s = await setup(day("2020-03-03T10:35:00Z"));
    writeFileSync(s.file, JSON.stringify(day("2020-03-03T12:00:00Z")));
    s.signals.emit("SIGHUP");
    await s.settled();
    expect(s.running().talks[0]?.start).toBe("2020-03-03T12:00:00+00:00");
    s.store.close();
    writeFileSync(s.file, JSON.stringify(day("2020-03-03T13:00:00Z")));
    s.signals.emit("SIGHUP");
    s.fileChanged();
    s.runTimers();
    expect(await s.settled()).toBe(false);
    expect(s.running().talks[0]?.start).toBe("2020-03-03T12:00:00+00:00");
    expect(s.signals.listenerCount("SIGHUP")).toBe(0);
  });

  it("does not disturb subscribers when the file is rewritten unchanged", async () => {
    const s = await setup(day("2020-03-03T10:35:00Z"));
    const before = s.store.current();
    let calls = 0;
    s.store.subscribe(() => calls++);
    expect(await s.store.reload("test")).toBe(false);
    expect(s.store.current()).toBe(before);
    expect(calls).toBe(0);
  });

  it("takes a file rewritten with other formatting but the same catalog as unchanged", async () => {
    const s = await setup(day("2020-03-03T10:35:00Z"));
    let calls = 0;
    s.store.subscribe(() => calls++);
    writeFileSync(s.file, JSON.stringify(day("2020-03-03T10:35:00Z"), null, 2));
    s.fileChanged();
    s.runTimers();
    await s.settled();
    expect(calls).toBe(0);
    expect(s.logger.lines.at(-1)?.text).toMatch(/unchanged/);
  });

  it("refuses to start on a bad catalog", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "talkbot-store-")), "catalog.json");
    writeFileSync(file, "{");
    await expect(
      openCatalogStore({
        file,
        logger: quietLogger(),
        build: (c) => c,
        watch: null,
        signals: null,
      }),
    ).rejects.toThrow(CatalogError);
  });
});

describe("catalogDigest", () => {
  const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

  it("is the SHA-256 of the catalog's JSON, without building that JSON", () => {
    const seed = loadCatalogFile(new URL("../../data/catalog.json", import.meta.url).pathname);
    for (const catalog of [seed, day("2020-03-03T10:35:00Z"), { ...seed, talks: [] }]) {
      expect(catalogDigest(catalog)).toBe(sha256(JSON.stringify(catalog)));
    }
    const odd = { ...seed, note: undefined, talks: [...seed.talks, undefined] };
    expect(catalogDigest(odd as unknown as Catalog)).toBe(sha256(JSON.stringify(odd)));
    expect(catalogDigest({} as Catalog)).toBe(sha256("{}"));
  });

  it("tells catalogs apart that differ in one field of one talk", () => {
    const a = day("2020-03-03T10:35:00Z");
    const b = day("2020-03-03T10:35:00Z");
    expect(catalogDigest(a)).toBe(catalogDigest(b));
    (b.talks[0] as { room?: string }).room = "Elsewhere";
    expect(catalogDigest(a)).not.toBe(catalogDigest(b));
  });
});
