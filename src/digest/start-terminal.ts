import type { Catalog } from "../catalog/schema.ts";
import type { Clock } from "../clock.ts";
import type { Config } from "../config.ts";
import type { Logger } from "../log.ts";
import type { Store } from "../store/store.ts";
import { type DigestRunner, startDigests } from "./scheduler.ts";
import { terminalPort } from "./terminal.ts";

/**
 * In the terminal every track's digest prints as it falls due, even with no
 * channel configured, so a rehearsal shows the whole day. The store given here is
 * the session's own (an in-memory SQLite): a rehearsal must not mark real digests
 * as sent.
 */
export function startTerminalDigests(deps: {
  config: Config;
  getCatalog: () => Catalog;
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
    getCatalog: deps.getCatalog,
    store: deps.store,
    port: terminalPort(deps.write),
    clock: deps.clock,
    logger: deps.logger,
    speed: deps.config.speed,
    // A terminal is not a Slack channel: nothing limits how fast it prints.
    engine: { pacingMs: 0 },
  });
}
