import { describe, expect, it } from "vitest";
import { importFiles } from "../../src/catalog/import/import-files.ts";
import { FixedClock } from "../../src/clock.ts";
import { loadConfig } from "../../src/config.ts";
import { startTerminalDigests } from "../../src/digest/start-terminal.ts";
import { fosdemXml } from "../catalog/import/fixtures.ts";
import { currentFrom } from "../support/snapshots.ts";
import { memoryStore } from "./helpers.ts";

/**
 * A terminal rehearsal started mid-event on FOSDEM 2026 (issue 11): the bot was
 * never running before, so nothing is "missed"; and a terminal is not paced
 * like a Slack channel, so a busy slot's digests all print at once.
 */
describe("a terminal rehearsal started mid-event", async () => {
  const { catalog } = await importFiles([fosdemXml]);
  const at = new Date("2026-01-31T10:50:00+01:00");
  const config = loadConfig({ TALKBOT_NOW: at.toISOString(), TALKBOT_SPEED: "120" });

  it("prints the due digests at once and one line for what it skipped, no 'missed' warnings", async () => {
    const out: string[] = [];
    const warnings: string[] = [];
    const logger = {
      debug() {},
      info() {},
      warn: (m: string) => warnings.push(m),
      error: (m: string) => warnings.push(m),
    };
    const digests = startTerminalDigests({
      config,
      current: currentFrom(() => catalog),
      clock: new FixedClock(at),
      logger,
      store: await memoryStore(),
      write: (t) => out.push(t),
    });
    await digests.tick();
    await digests.idle();
    await digests.stop();
    expect(warnings.filter((w) => w.includes("missed"))).toEqual([]);
    const skipped = out.filter((t) => t.startsWith("Digests: "));
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatch(
      /^Digests: 36 fell due before 2026-01-31T09:50:00Z \(the rehearsal.s start\)/,
    );
    // Every digest due before the 11:00 slots printed, though the clock never moved.
    const printed = out.filter((t) => t.startsWith("[terminal] Up next:"));
    expect(printed.length).toBeGreaterThan(5);
    expect(printed.every((t) => /Sat 31 Jan 2026, (10:5\d|11:\d\d) CET/.test(t))).toBe(true);
  });
});
