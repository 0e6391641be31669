import type { Clock } from "../../clock.ts";
import type { Config, SlackConfig } from "../../config.ts";
import type { PostGate } from "../../delivery/post-gate.ts";
import { importLegacyLedger } from "../../digest/legacy-ledger.ts";
import type { PlannedDigest } from "../../digest/plan.ts";
import { type DigestRunner, startDigests } from "../../digest/scheduler.ts";
import { describeSettings } from "../../digest/settings.ts";
import type { Logger } from "../../log.ts";
import { digestPayload } from "../../schedule/digest-payload.ts";
import type { Snapshot } from "../../snapshot.ts";
import type { Store } from "../../store/store.ts";
import { digestMessage } from "../blocks/digest-message.ts";
import { ChannelDirectory, joinChannels } from "./channels.ts";
import { createDeliveryClient } from "./slack-client.ts";
import { type Rendered, slackPort } from "./slack-port.ts";

export interface SlackDigestDeps {
  config: Config;
  slack: SlackConfig;
  current: () => Snapshot;
  clock: Clock;
  logger: Logger;
  store: Store;
  /** The workspace gate shared with the process's other engines. */
  gate?: PostGate;
}

/**
 * Digests posted to Slack through the delivery engine. With the first plan, before
 * anything is posted, it imports an older file ledger (once) and joins the
 * configured public channels, so the bot can read their history when a post's
 * outcome is lost.
 */
export async function startSlackDigests(deps: SlackDigestDeps): Promise<DigestRunner | null> {
  const settings = deps.config.digest.settings;
  if (!settings.enabled) {
    deps.logger.info(describeSettings(settings));
    return null;
  }
  const client = createDeliveryClient({ botToken: deps.slack.botToken, apiUrl: deps.slack.apiUrl });
  const directory = new ChannelDirectory();
  const { store: location } = deps.config;
  return startDigests({
    settings,
    current: deps.current,
    store: deps.store,
    port: slackPort(client, directory, renderDigest),
    clock: deps.clock,
    logger: deps.logger,
    speed: deps.config.speed,
    ...(deps.gate ? { engine: { gate: deps.gate } } : {}),
    prepare: async (plan) => {
      if (location.engine === "sqlite" && "stateDir" in location) {
        await importLegacyLedger(location.stateDir, deps.store, plan, deps.logger);
      }
      await joinChannels(client, [...new Set(plan.map((d) => d.channel))], directory, deps.logger);
    },
  });
}

/** The message, and what it showed (each talk as a reader saw it), kept for later corrections. */
export function renderDigest(d: PlannedDigest): Rendered {
  return {
    ...digestMessage(d),
    payload: JSON.stringify(digestPayload(d)),
  };
}
