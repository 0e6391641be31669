import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importLegacyLedger, LEGACY_LEDGER_FILE } from "../../src/digest/legacy-ledger.ts";
import { planDigests } from "../../src/digest/plan.ts";
import { openStore } from "../../src/store/open-store.ts";
import { catalogOf, quietLogger, settingsOf } from "./helpers.ts";

const at = (iso: string) => new Date(iso);

describe("upgrading from the file ledger", () => {
  const catalog = catalogOf(
    "Europe/London",
    ["A", "B"],
    [
      { id: "a1", track: "A", start: at("2020-03-03T10:35:00Z") },
      { id: "b1", track: "B", start: at("2020-03-03T10:35:00Z") },
      { id: "a2", track: "A", start: at("2020-03-03T11:50:00Z") },
    ],
  );
  const plan = planDigests(catalog, settingsOf({ defaultChannel: "C0UPNEXT" }));

  it("imports what was settled once, under today's keys, and renames the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "talkbot-legacy-"));
    const file = join(dir, LEGACY_LEDGER_FILE);
    writeFileSync(
      file,
      [
        '{"v":1,"key":"ev::t0::2020-03-03T10:35:00.000Z","status":"posted","at":"2020-03-03T10:25:00.000Z","channel":"C0UPNEXT","ts":"1583231100.000100"}',
        '{"v":1,"key":"ev::t1::2020-03-03T10:35:00.000Z","status":"missed","at":"2020-03-03T10:36:00.000Z"}',
        "not json at all",
        '{"v":1,"key":"ev::t0::2020-03-03T11:50',
      ].join("\n"),
    );
    const store = await openStore({ engine: "sqlite", stateDir: dir });
    const logger = quietLogger();
    expect(await importLegacyLedger(dir, store, plan, logger)).toBe(2);
    const [a1, b1, a2] = plan;
    expect(await store.delivery(a1?.key ?? "")).toMatchObject({
      status: "posted",
      channel: "C0UPNEXT",
      ts: "1583231100.000100",
    });
    expect((await store.delivery(b1?.key ?? ""))?.status).toBe("missed");
    expect(await store.delivery(a2?.key ?? "")).toBeUndefined();
    expect(existsSync(file)).toBe(false);
    expect(readFileSync(`${file}.imported`, "utf8")).toContain("1583231100.000100");
    expect(logger.lines.map((l) => l.text)).toEqual([
      expect.stringMatching(/^store: imported 2 settled digests from .*digests\.jsonl/),
      expect.stringMatching(/2 unreadable lines .* skipped \(first: 3, 4\)/),
    ]);
    // A second start finds nothing to import.
    expect(await importLegacyLedger(dir, store, plan, logger)).toBe(0);
    await store.close();
  });
});

describe("upgrading from a damaged file ledger", () => {
  const catalog = catalogOf(
    "Europe/London",
    ["A", "B"],
    [
      { id: "a1", track: "A", start: at("2020-03-03T10:35:00Z") },
      { id: "b1", track: "B", start: at("2020-03-03T10:35:00Z") },
    ],
  );
  const plan = planDigests(catalog, settingsOf({ defaultChannel: "C0UPNEXT" }));

  it("keeps a complete last line without its newline, and skips a line of invalid UTF-8 alone", async () => {
    const dir = mkdtempSync(join(tmpdir(), "talkbot-legacy-"));
    const line = (track: string) =>
      `{"v":1,"key":"ev::${track}::2020-03-03T10:35:00.000Z","status":"posted","at":"x","channel":"C0UPNEXT","ts":"1.${track}"}`;
    writeFileSync(
      join(dir, LEGACY_LEDGER_FILE),
      Buffer.concat([
        Buffer.from(`${line("t0")}\n`),
        Buffer.from([0xff, 0xfe, 0x7b, 0x0a]),
        // The file ledger's torn-tail repair deleted a last line like this one.
        Buffer.from(line("t1")),
      ]),
    );
    const store = await openStore({ engine: "sqlite", stateDir: dir });
    const logger = quietLogger();
    expect(await importLegacyLedger(dir, store, plan, logger)).toBe(2);
    for (const d of plan) expect((await store.delivery(d.key))?.status).toBe("posted");
    expect(logger.lines.some((l) => /1 unreadable line .* skipped \(first: 2\)/.test(l.text))).toBe(
      true,
    );
    await store.close();
  });
});
