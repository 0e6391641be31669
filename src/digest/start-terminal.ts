import type { Clock } from "../clock.ts";
import type { Config } from "../config.ts";
import type { Logger } from "../log.ts";
import type { Snapshot } from "../snapshot.ts";
import type { Store } from "../store/store.ts";
import { type DigestRunner, startDigests } from "./scheduler.ts";
import { terminalPort } from "./terminal.ts";

/**
 * In the terminal every track's digest prints as it falls due, even with no
 * channel configured, so a rehearsal shows the whole day. The store given here is
 * the session's own (an in-memory SQLite): a rehearsal must not mark real digests
 * as sent.
 *
 * A terminal is not a Slack channel: due digests print at once, not paced one a
 * second (at 120x that pacing made most of a busy slot's digests late). And a
 * rehearsal started mid-event was never running before: the digests whose slot
 * has already begun are skipped with one line saying so, not reported one by one
 * as "missed while the bot was not running".
 */
export function startTerminalDigests(deps: {
  config: Config;
  current: () => Snapshot;
  clock: Clock;
  logger: Logger;
  store: Store;
  write: (text: string) => void;
}): DigestRunner {
  const configured = deps.config.digest.settings;
  const settings = configured.enabled
    ? configured
    : { ...configured, enabled: true, defaultChannel: "terminal" };
  return startDigests({
    settings,
    current: deps.current,
    store: deps.store,
    port: terminalPort(deps.write),
    clock: deps.clock,
    logger: deps.logger,
    speed: deps.config.speed,
    engine: { pacingMs: 0 },
    onPastSkipped: (count) => {
      const start = deps.clock
        .now()
        .toISOString()
        .replace(/\.\d{3}Z$/, "Z");
      deps.write(
        `Digests: ${count} fell due before ${start} (the rehearsal's start) and are skipped; the rest print as they fall due.\n`,
      );
    },
  });
}
