import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { LevelledLogger, Logger } from "../log.ts";

/**
 * Bolt's Logger over talkbot's. Bolt and its Socket Mode client set the level
 * (Bolt resets it to info unless given logLevel) and rename the logger: here
 * LOG_LEVEL alone decides, and every line stays talkbot's.
 */
export function boltLogger(logger: Logger & Partial<Pick<LevelledLogger, "level">>): BoltLogger {
  return {
    debug: (...msg) => logger.debug(...msg),
    info: (...msg) => logger.info(...msg),
    warn: (...msg) => logger.warn(...msg),
    error: (...msg) => logger.error(...msg),
    // Asked so Bolt can skip work for lines that would be dropped.
    getLevel: () => (logger.level ?? "debug") as LogLevel,
    setLevel: () => {},
    setName: () => {},
  };
}

export { LogLevel };
