import { webApi } from "@slack/bolt";

export interface DeliveryClientOptions {
  botToken: string;
  /** SLACK_API_URL, e.g. for GovSlack or a test's fake Slack. */
  apiUrl?: string | undefined;
  /** Milliseconds before a call counts as unanswered (well under the claim's lease). */
  timeoutMs?: number;
}

const POST_TIMEOUT_MS = 10_000;

/**
 * The Web API client the delivery engine posts with. It never retries on its own
 * and throws on 429 instead of waiting: a blind retry of a post Slack may already
 * have taken is how duplicates happen, so the engine decides (history first).
 */
export function createDeliveryClient(options: DeliveryClientOptions): webApi.WebClient {
  return new webApi.WebClient(options.botToken, {
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? POST_TIMEOUT_MS,
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
  });
}
