import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeBadLines, FileLedger, LEDGER_FILE } from "../../src/digest/ledger.ts";

const fresh = () => join(mkdtempSync(join(tmpdir(), "talkbot-ledger-")), "state", "nested");

describe("FileLedger", () => {
  it("creates its directory on first run and remembers across reopen", async () => {
    const dir = fresh();
    const first = await FileLedger.open(dir);
    expect(first.report).toMatchObject({ entries: 0, tornTail: false, badLines: [] });
    await first.ledger.record({
      key: "ev::t0::A",
      status: "posted",
      at: "x",
      channel: "#c",
      ts: "1.2",
    });
    await first.ledger.record({ key: "ev::t0::B", status: "missed", at: "y" });
    expect(first.ledger.has("ev::t0::A")).toBe(true);
    await first.ledger.close();

    const again = await FileLedger.open(dir);
    expect(again.report.entries).toBe(2);
    expect(again.ledger.has("ev::t0::A")).toBe(true);
    expect(again.ledger.has("ev::t0::B")).toBe(true);
    expect(again.ledger.has("ev::t0::C")).toBe(false);
    expect(again.ledger.entries().find((e) => e.key === "ev::t0::A")).toMatchObject({
      status: "posted",
      channel: "#c",
      ts: "1.2",
    });
    await again.ledger.close();
  });

  it("drops a last line torn by a crash, reports it, and keeps later records readable", async () => {
    const dir = fresh();
    const { ledger } = await FileLedger.open(dir);
    await ledger.record({ key: "k1", status: "posted", at: "t" });
    await ledger.close();
    appendFileSync(join(dir, LEDGER_FILE), '{"v":1,"key":"k2","sta');

    const reopened = await FileLedger.open(dir);
    expect(reopened.report).toMatchObject({ entries: 1, tornTail: true, badLines: [] });
    expect(reopened.ledger.has("k2")).toBe(false);
    await reopened.ledger.record({ key: "k3", status: "posted", at: "t" });
    await reopened.ledger.close();

    const third = await FileLedger.open(dir);
    expect(third.report).toMatchObject({ entries: 2, tornTail: false, badLines: [] });
    expect(third.ledger.has("k3")).toBe(true);
    await third.ledger.close();
  });

  it("skips and reports lines that are not entries, keeping the rest", async () => {
    const dir = fresh();
    await (await FileLedger.open(dir)).ledger.close();
    writeFileSync(
      join(dir, LEDGER_FILE),
      '{"v":1,"key":"k1","status":"posted","at":"t"}\nnot json\n{"key":"k2","status":"maybe"}\n\n{"v":1,"key":"k3","status":"missed","at":"t"}\n',
    );
    const { ledger, report } = await FileLedger.open(dir);
    expect(report).toMatchObject({ entries: 2, tornTail: false, badLines: [2, 3] });
    expect(ledger.has("k1") && ledger.has("k3")).toBe(true);
    await ledger.close();
    // Nothing rewritten: the operator can still look at the odd lines.
    expect(readFileSync(join(dir, LEDGER_FILE), "utf8")).toContain("not json");
  });

  it("writes one line per record even when records race", async () => {
    const dir = fresh();
    const { ledger } = await FileLedger.open(dir);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        ledger.record({ key: `k${i}`, status: "posted", at: "t" }),
      ),
    );
    await ledger.close();
    const lines = readFileSync(join(dir, LEDGER_FILE), "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(50);
    expect(lines.every((l) => JSON.parse(l).key.startsWith("k"))).toBe(true);
  });
});

describe("describeBadLines", () => {
  it("names a few lines, and counts a damaged file instead of listing it", () => {
    expect(describeBadLines([2])).toBe("skipped 1 unreadable line (line 2)");
    expect(describeBadLines([2, 3])).toBe("skipped 2 unreadable lines (lines 2, 3)");
    const damaged = Array.from({ length: 300_000 }, (_, i) => i + 1);
    expect(describeBadLines(damaged)).toBe(
      "skipped 300000 unreadable lines, first at lines 1, 2, 3, 4, 5",
    );
  });
});
