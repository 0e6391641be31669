import { LogLevel } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { consoleLogger } from "../src/log.ts";
import { boltLogger } from "../src/slack/bolt-logger.ts";

describe("consoleLogger", () => {
  it("writes one line per entry at or above its level, errors with their stack", () => {
    const lines: string[] = [];
    const logger = consoleLogger("info", (l) => lines.push(l));
    logger.debug("hidden");
    logger.info("started", { port: 3000 });
    logger.error("[ref ab12cd34] failed", new Error("boom"));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+ INFO \[talkbot\] started \{"port":3000\}\n$/);
    expect(lines[1]).toContain("ERROR [talkbot] [ref ab12cd34] failed Error: boom\n    at ");
  });
});

describe("boltLogger", () => {
  it("keeps LOG_LEVEL and talkbot's name whatever Bolt sets", () => {
    const lines: string[] = [];
    const bolt = boltLogger(consoleLogger("warn", (l) => lines.push(l)));
    expect(bolt.getLevel()).toBe(LogLevel.WARN);
    // Bolt's App sets info when not given a level; Socket Mode renames its logger.
    bolt.setLevel(LogLevel.INFO);
    bolt.setName("socket-mode:SocketModeClient:0");
    bolt.info("hidden");
    bolt.warn("shown");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("WARN [talkbot] shown");
    expect(bolt.getLevel()).toBe(LogLevel.WARN);
  });
});
