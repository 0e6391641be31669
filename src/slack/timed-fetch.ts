import type { webApi } from "@slack/bolt";

/**
 * How long any one call to Slack may take: Web API methods, Socket Mode's
 * apps.connections.open and response_url posts. A network that swallows packets
 * otherwise leaves the call (and start-up, or a user's answer) waiting forever.
 */
export const slackCallTimeoutMs = 10_000;

/**
 * `fetch` that gives up after `ms` with a TimeoutError. It is handed to Bolt as
 * `clientOptions.fetch`, which both its Web API clients and `respond()` use, so
 * every call talkbot makes through Bolt gets the same deadline.
 */
export function timedFetch(
  ms: number = slackCallTimeoutMs,
  base: typeof fetch = globalThis.fetch,
): webApi.FetchFunction {
  return (url, init) => {
    const deadline = AbortSignal.timeout(ms);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return base(url, { ...init, signal });
  };
}
