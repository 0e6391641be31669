import { webApi } from "@slack/bolt";
import type { ChatClient, DigestLogger } from "./sender.ts";

export interface DigestClientOptions {
  botToken: string;
  /** SLACK_API_URL, e.g. for GovSlack or a test's fake Slack. */
  apiUrl?: string | undefined;
  logger?: DigestLogger;
}

/**
 * The Web API client digests post with. It does not retry on its own and throws on
 * 429 instead of waiting: the sender retries per channel until the slot starts,
 * which the client's built-in half-hour retry would know nothing about.
 */
export function createDigestClient(options: DigestClientOptions): ChatClient {
  return new webApi.WebClient(options.botToken, {
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    // A hung request must not hold a channel's queue past its slot.
    timeout: 15_000,
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
  });
}
