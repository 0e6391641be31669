import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from "@slack/web-api";
import type { Failure } from "../delivery/failure.ts";

/** Platform errors that mean "Slack answered and posted nothing; later may work". */
const RETRYABLE = new Set(["internal_error", "fatal_error", "service_unavailable", "ratelimited"]);

/** What an operator does about a refusal, by Slack's error code. */
export function hintFor(code: string): string {
  switch (code) {
    case "not_in_channel":
      return "invite the bot to the channel (/invite @talkbot) or give it chat:write.public";
    case "channel_not_found":
      return "check the channel id or name in TALKBOT_DIGEST_CHANNEL or the config file";
    case "invalid_auth":
    case "not_authed":
    case "token_revoked":
    case "account_inactive":
      return "check SLACK_BOT_TOKEN";
    case "missing_scope":
      return "add the missing scope (see manifest.yml) and reinstall the app";
    case "message_not_found":
      return "the message was deleted (or the channel id is wrong): there is nothing to correct";
    case "cant_update_message":
      return "only messages this app posted can be edited: the message was posted by another app or token";
    case "edit_window_closed":
      return "the workspace allows editing messages only for a while after posting (admin settings: message editing)";
    default:
      return "";
  }
}

/** The Slack error code of a Web API failure, if Slack answered with one. */
export function slackErrorCode(err: unknown): string | undefined {
  if (err instanceof WebAPIPlatformError) return err.data.error;
  return undefined;
}

/**
 * The one place Slack failures are sorted, by the Web API's error classes: did
 * Slack answer (nothing posted) or may the message have landed (no answer, 5xx)?
 */
export function classifySlackFailure(err: unknown): Failure {
  if (err instanceof WebAPIRateLimitedError) {
    const seconds = err.retryAfter >= 0 ? err.retryAfter : 1;
    return { kind: "rate-limited", waitMs: seconds * 1000, what: `429, retry after ${seconds}s` };
  }
  if (err instanceof WebAPIPlatformError) {
    const code = err.data.error;
    return RETRYABLE.has(code)
      ? { kind: "not-posted", what: code }
      : { kind: "permanent", what: code, hint: hintFor(code) };
  }
  if (err instanceof WebAPIHTTPError) {
    const what = `HTTP ${err.statusCode}`;
    if (err.statusCode === 429) return { kind: "rate-limited", waitMs: 1000, what };
    // A 5xx may come from a proxy after Slack took the message: outcome unknown.
    return err.statusCode >= 500 || err.statusCode === 408
      ? { kind: "unknown", what }
      : { kind: "permanent", what, hint: "" };
  }
  if (err instanceof WebAPIRequestError) {
    return { kind: "unknown", what: `no answer from Slack (${err.original.message})` };
  }
  return { kind: "unknown", what: err instanceof Error ? err.message : String(err) };
}
