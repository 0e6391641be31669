import { describe, expect, it } from "vitest";
import { startDigests } from "../../src/digest/scheduler.ts";
import { terminalPort } from "../../src/digest/terminal.ts";
import { currentFrom } from "../support/snapshots.ts";
import {
  catalogOf,
  FixedClock,
  instantSleep,
  memoryStore,
  quietLogger,
  settingsOf,
} from "./helpers.ts";

describe("digests in the terminal", () => {
  it("prints the digest's full content when it falls due", async () => {
    const catalog = catalogOf(
      "Europe/London",
      ["Architecture"],
      [
        {
          id: "a1",
          track: "Architecture",
          start: new Date("2020-03-03T10:35:00Z"),
          room: "Fleming",
        },
      ],
    );
    const out: string[] = [];
    const clock = new FixedClock(new Date("2020-03-03T10:25:00Z"));
    const runner = startDigests({
      settings: settingsOf(),
      current: currentFrom(() => catalog),
      port: terminalPort((t) => out.push(t)),
      clock,
      store: await memoryStore(),
      logger: quietLogger(),
      heartbeat: () => ({ stop() {} }),
      engine: { sleep: instantSleep() },
    });
    await runner.tick();
    await runner.idle();
    await runner.stop();
    expect(out.join("")).toBe(
      [
        "[#up-next] Up next: Architecture (Tue 3 Mar 2020, 10:35 GMT) · Test Conf",
        "  • Talk a1",
        "    Speaker a1 (Acme)",
        "    Room: Fleming",
        "    About a1. More words follow here.",
        "",
      ].join("\n"),
    );
  });
});
