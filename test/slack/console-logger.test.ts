import { LogLevel } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { consoleLogger } from "../../src/slack/console-logger.ts";

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
    logger.setLevel(LogLevel.DEBUG);
    logger.debug("shown");
    expect(lines).toHaveLength(3);
    expect(logger.getLevel()).toBe(LogLevel.DEBUG);
  });
});
