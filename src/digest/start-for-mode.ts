import type { Catalog } from "../catalog/schema.ts";
import type { Clock } from "../clock.ts";
import type { Config, SlackConfig } from "../config.ts";
import { createDigestClient } from "./client.ts";
import { MemoryLedger, openDigestLedger } from "./ledger.ts";
import { type DigestRunner, type StartDigestsOptions, startDigests } from "./scheduler.ts";
import type { DigestLogger } from "./sender.ts";
import { describeSettings } from "./settings.ts";
import { stateDirFailure } from "./state-dir-error.ts";
import { renderForTerminal, terminalDigestClient } from "./terminal.ts";

export interface RunningDigests {
  runner: DigestRunner;
  close(): Promise<void>;
}

interface Common {
  config: Config;
  getCatalog: () => Catalog;
  clock: Clock;
  logger: DigestLogger;
}

/** Digests posted to Slack, settled in the ledger under TALKBOT_STATE_DIR. */
export async function startSlackDigests(
  deps: Common & { slack: SlackConfig },
): Promise<RunningDigests | null> {
  const settings = deps.config.digest.settings;
  if (!settings.enabled) {
    // startDigests says what it runs; when nothing runs, say so here.
    deps.logger.info(describeSettings(settings));
    return null;
  }
  const ledger = await openDigestLedger(deps.config.stateDir, deps.logger).catch((err: unknown) => {
    throw stateDirFailure(err, deps.config.stateDir);
  });
  const client = createDigestClient({ botToken: deps.slack.botToken, apiUrl: deps.slack.apiUrl });
  return run(deps, { settings, ledger, client });
}

/**
 * In the terminal every track's digest prints as it falls due, even with no
 * channel configured, so a rehearsal shows the whole day. Nothing is written to
 * the state directory: a rehearsal must not mark real digests as sent.
 */
export function startTerminalDigests(
  deps: Common & { write: (text: string) => void },
): RunningDigests {
  const configured = deps.config.digest.settings;
  const settings = configured.enabled
    ? configured
    : { ...configured, enabled: true, defaultChannel: "terminal" };
  return run(deps, {
    settings,
    ledger: new MemoryLedger(),
    client: terminalDigestClient(deps.write),
    sender: { render: renderForTerminal },
  });
}

function run(
  deps: Common,
  parts: Pick<StartDigestsOptions, "settings" | "ledger" | "client" | "sender">,
): RunningDigests {
  const runner = startDigests({
    ...parts,
    getCatalog: deps.getCatalog,
    clock: deps.clock,
    logger: deps.logger,
    speed: deps.config.speed,
  });
  return {
    runner,
    close: async () => {
      await runner.stop();
      await parts.ledger.close();
    },
  };
}
