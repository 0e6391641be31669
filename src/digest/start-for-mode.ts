import type { Catalog } from "../catalog/schema.ts";
import type { Clock } from "../clock.ts";
import type { Config, SlackConfig } from "../config.ts";
import { createDigestClient } from "./client.ts";
import { MemoryLedger, openDigestLedger } from "./ledger.ts";
import { DEFAULT_MISSED_WITHIN_MS, type PlannedDigest, planDigests } from "./plan.ts";
import { type DigestRunner, type StartDigestsOptions, startDigests } from "./scheduler.ts";
import type { DigestLogger } from "./sender.ts";
import { buildDigestSettings, describeSettings } from "./settings.ts";
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
  const settings = buildDigestSettings(deps.config.digest);
  if (!settings.enabled) {
    // startDigests says what it runs; when nothing runs, say so here.
    deps.logger.info(describeSettings(settings));
    return null;
  }
  const ledger = await openDigestLedger(deps.config.stateDir, deps.logger);
  const client = createDigestClient({ botToken: deps.slack.botToken, apiUrl: deps.slack.apiUrl });
  return run(deps, { settings, ledger, client });
}

/**
 * In the terminal every track's digest prints as it falls due, even with no
 * channel configured, so a rehearsal shows the whole day. Nothing is written to
 * the state directory: a rehearsal must not mark real digests as sent.
 *
 * A terminal is not a Slack channel: due digests print at once, not paced one a
 * second (at 120x that pacing made most of a busy slot's digests late). And a
 * rehearsal started mid-event was never running before: the digests whose slot
 * has already begun are skipped with one line saying so, not reported one by
 * one as "missed while the bot was not running".
 */
export function startTerminalDigests(
  deps: Common & { write: (text: string) => void },
): RunningDigests {
  const configured = buildDigestSettings(deps.config.digest);
  const settings = configured.enabled
    ? configured
    : { ...configured, enabled: true, defaultChannel: "terminal" };
  const ledger = new MemoryLedger();
  const skipped = skipPast(planDigests(deps.getCatalog(), settings), deps.clock.now(), ledger);
  if (skipped > 0) {
    const start = deps.clock
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, "Z");
    deps.write(
      `Digests: ${skipped} fell due before ${start} (the rehearsal's start) and are skipped; the rest print as they fall due.\n`,
    );
  }
  return run(deps, {
    settings,
    ledger,
    client: terminalDigestClient(deps.write),
    sender: { render: renderForTerminal, pacingMs: 0 },
  });
}

/**
 * Marks the digests whose time to post is over as settled; returns how many of
 * them the scheduler would have reported (slots within its missed horizon).
 */
function skipPast(plan: readonly PlannedDigest[], now: Date, ledger: MemoryLedger): number {
  const horizon = now.getTime() - DEFAULT_MISSED_WITHIN_MS;
  let n = 0;
  for (const d of plan) {
    if (d.deadline.getTime() > now.getTime()) continue;
    void ledger.record({ key: d.key, status: "missed", at: now.toISOString() });
    if (d.slotStart.getTime() > horizon) n++;
  }
  return n;
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
