import type { SlackMessage } from "../slack/blocks/limits.ts";
import type { PlannedDigest } from "./plan.ts";
import type { ChatClient } from "./sender.ts";
import { digestText } from "./text.ts";

/**
 * Digests without Slack (local mode, rehearsals): pass `terminalDigestClient` as the
 * client and `renderForTerminal` as the sender's `render`, and each digest prints
 * as the same content the Slack message carries.
 */
export function terminalDigestClient(write: (text: string) => void): ChatClient {
  let n = 0;
  return {
    chat: {
      async postMessage({ channel, text }) {
        write(`[${channel}] ${text}\n`);
        n++;
        return { ok: true, ts: `local.${n}` };
      },
    },
  };
}

export function renderForTerminal(digest: PlannedDigest): SlackMessage {
  return { text: digestText(digest), blocks: [] };
}
