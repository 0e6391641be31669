/** The logger every module takes: `console` fits, and so does a test's memory. */
export interface Logger {
  debug(...msg: unknown[]): void;
  info(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
}

/** Says nothing: for tools that report on their own (the CLI's schedule commands). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export type LogLevelName = "debug" | "info" | "warn" | "error";

/** A logger that knows the least severe level it writes (Bolt asks; see slack/bolt-logger.ts). */
export interface LevelledLogger extends Logger {
  readonly level: LogLevelName;
}

const order: LogLevelName[] = ["debug", "info", "warn", "error"];

/**
 * talkbot's log: one line per entry on stderr (stdout stays free for the
 * terminal's answers), with a time and level so it greps well.
 */
export function consoleLogger(
  level: LogLevelName,
  write: (line: string) => void = (line) => {
    process.stderr.write(line);
  },
): LevelledLogger {
  const at =
    (l: LogLevelName) =>
    (...msg: unknown[]) => {
      if (order.indexOf(l) < order.indexOf(level)) return;
      const text = msg
        .map((m) =>
          m instanceof Error
            ? (m.stack ?? m.message)
            : typeof m === "string"
              ? m
              : JSON.stringify(m),
        )
        .join(" ");
      write(`${new Date().toISOString()} ${l.toUpperCase()} [talkbot] ${text}\n`);
    };
  return { level, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
