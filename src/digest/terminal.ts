import type { DeliveryPort } from "../delivery/engine.ts";
import type { PlannedDigest } from "./plan.ts";
import { digestText } from "./text.ts";

/**
 * Digests without Slack (local mode, rehearsals): the terminal is a delivery port
 * of its own, printing each digest as the same content the Slack message carries.
 * Nothing it prints can be lost in transit, so there is never history to search.
 */
export function terminalPort(write: (text: string) => void): DeliveryPort<PlannedDigest> {
  let n = 0;
  return {
    async post(digest) {
      write(`[${digest.channel}] ${digestText(digest)}\n`);
      n++;
      return { channel: digest.channel, ts: `local.${n}` };
    },
    async find() {
      return null;
    },
  };
}
