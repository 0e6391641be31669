import type { Logger, LogLevel } from "@slack/bolt";
import type { LogLevelName } from "../config.ts";

const order: LogLevelName[] = ["debug", "info", "warn", "error"];

/**
 * The Logger Bolt and talkbot's listeners share: one line per entry on stderr
 * (stdout stays free for local mode), with a time and level so it greps well.
 */
export function consoleLogger(
  level: LogLevelName,
  write: (line: string) => void = (line) => {
    process.stderr.write(line);
  },
): Logger {
  let current = level;
  let name = "talkbot";
  const at =
    (l: LogLevelName) =>
    (...msg: unknown[]) => {
      if (order.indexOf(l) < order.indexOf(current)) return;
      const text = msg
        .map((m) =>
          m instanceof Error
            ? (m.stack ?? m.message)
            : typeof m === "string"
              ? m
              : JSON.stringify(m),
        )
        .join(" ");
      write(`${new Date().toISOString()} ${l.toUpperCase()} [${name}] ${text}\n`);
    };
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    setLevel: (l: LogLevel) => {
      current = l as LogLevelName;
    },
    getLevel: () => current as LogLevel,
    setName: (n: string) => {
      name = n;
    },
  };
}
