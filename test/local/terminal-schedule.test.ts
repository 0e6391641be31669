import { describe, expect, it } from "vitest";
import { diff } from "../../src/catalog/diff.ts";
import { terminalSchedulePorts } from "../../src/local/terminal-schedule.ts";
import { affectedPeople } from "../../src/schedule/affected-people.ts";
import { noticesFor } from "../../src/schedule/notices.ts";
import { zonesOf } from "../../src/schedule/relevance.ts";
import { berlinTime, oneChannel, release36c3 } from "../schedule/posted.ts";

const changes = () => diff(release36c3(0), release36c3(1));

describe("the live schedule in the terminal", () => {
  it("prints a notice with each change in schedule check's words: day, start–end and room", async () => {
    const out: string[] = [];
    const ports = terminalSchedulePorts((t) => void out.push(t));
    const [notice] = noticesFor({
      changeId: "r1",
      changes: changes(),
      catalog: release36c3(1),
      settings: oneChannel,
      now: berlinTime("2019-12-27T09:00"),
    });
    if (!notice) throw new Error("no notice");
    await ports.notices.post(notice);
    const text = out.join("");
    expect(text).toMatch(/^\[#up-next\] Schedule changes:\n/);
    expect(text).toContain(
      'moved      "HAL - The Open-Source Hardware Analyzer": Mon 30 Dec 12:30–13:30, Adams → Mon 30 Dec 11:30–12:30, Adams',
    );
    // An end that moved alone shows both ends, not the same start twice.
    expect(text).toContain(
      'moved      "Lightning Talks Day 2": Sat 28 Dec 11:30–13:30, Borg → Sat 28 Dec 11:30–13:50, Borg',
    );
    expect(text).toContain(
      'retitled   "Kryptographie entmystifiziert" → "Cryptography demystified"',
    );
  });

  it("prints the DM of someone whose starred talk moved", async () => {
    const out: string[] = [];
    const ports = terminalSchedulePorts((t) => void out.push(t));
    const hal = release36c3(0).talks.find((t) => t.title?.startsWith("HAL"))?.id as string;
    const [dm] = affectedPeople({
      changeId: "r1",
      changes: changes(),
      starrersOf: (id) => new Set(id === hal ? ["local"] : []),
      zoneOf: zonesOf(release36c3(1)),
      now: berlinTime("2019-12-27T09:00"),
    });
    if (!dm) throw new Error("no DM");
    await ports.dms?.post(dm);
    expect(out.join("")).toBe(
      '[to you] Your starred talks changed:\n  moved      "HAL - The Open-Source Hardware Analyzer": Mon 30 Dec 12:30–13:30, Adams → Mon 30 Dec 11:30–12:30, Adams\n',
    );
  });
});
