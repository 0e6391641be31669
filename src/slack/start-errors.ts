import { webApi } from "@slack/bolt";
import { TalkbotError } from "../errors.ts";

type Token = "SLACK_BOT_TOKEN" | "SLACK_APP_TOKEN";

const tokenHints: Record<Token, string> = {
  SLACK_BOT_TOKEN:
    "copy the Bot User OAuth Token (xoxb-…) again from OAuth & Permissions, and reinstall the app if it was revoked",
  SLACK_APP_TOKEN:
    "create an app-level token (xapp-…) with the connections:write scope under Basic Information > App-Level Tokens, and check Socket Mode is on",
};

/** Slack refused a credential: the operator can fix it, so say which and how. */
export class SlackAuthError extends TalkbotError {
  constructor(code: string, token: Token = "SLACK_BOT_TOKEN", options: { cause?: unknown } = {}) {
    super("slack_auth_refused", `Slack refused ${token} (${code}): ${tokenHints[token]}.`, options);
  }
}

/** Slack did not answer, or something else answered in its place. */
export class SlackUnreachableError extends TalkbotError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super("slack_unreachable", message, options);
  }
}

/**
 * The one line an operator sees when `method` failed at start-up, or the error
 * itself when it is not about reaching Slack (a bug keeps its stack).
 */
export function startupFailure(
  err: unknown,
  method: "auth.test" | "apps.connections.open",
  where: { apiUrl: string | undefined; timeoutMs: number },
): unknown {
  const url = where.apiUrl ?? "https://slack.com/api/";
  const check = "check the network, any proxy, and SLACK_API_URL";
  if (err instanceof webApi.WebAPIPlatformError) {
    return new SlackAuthError(
      err.data.error,
      method === "apps.connections.open" ? "SLACK_APP_TOKEN" : "SLACK_BOT_TOKEN",
      { cause: err },
    );
  }
  if (err instanceof webApi.WebAPIRequestError) {
    const original = err.original;
    if (original.name === "TimeoutError" || original.name === "AbortError") {
      return new SlackUnreachableError(
        `Slack did not answer ${method} at ${url} within ${where.timeoutMs / 1000} s: ${check}.`,
        { cause: err },
      );
    }
    return new SlackUnreachableError(
      `Slack could not be reached for ${method} at ${url} (${networkReason(original)}): ${check}.`,
      { cause: err },
    );
  }
  if (err instanceof webApi.WebAPIHTTPError) {
    return new SlackUnreachableError(
      `${url} answered ${method} with HTTP ${err.statusCode} ${err.statusMessage}, not as Slack's Web API would: check SLACK_API_URL (e.g. https://slack.com/api/) and any proxy.`,
      { cause: err },
    );
  }
  return err;
}

/** "ECONNREFUSED 127.0.0.1:9", "ENOTFOUND slack.example", or fetch's own message. */
function networkReason(err: Error): string {
  const cause = err.cause as { code?: unknown; message?: unknown } | undefined;
  if (cause && typeof cause.message === "string" && cause.message) return cause.message;
  return err.message;
}

/** HTTP mode could not listen: PORT or HOST is the thing to change. */
export function listenFailure(err: unknown, port: number, host: string | undefined): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const where = `PORT ${port}${host ? ` on HOST ${host}` : ""}`;
  const reason: Record<string, string> = {
    EADDRINUSE: `${where} is already in use: stop the other process listening there, or set PORT to a free port`,
    EACCES: `${where} needs privileges talkbot does not have: set PORT to 1024 or above, and put a reverse proxy on the low port`,
    EADDRNOTAVAIL: `HOST ${host} is not an address of this machine: set HOST to one of its interfaces (e.g. 127.0.0.1), or leave it unset for all of them`,
    ENOTFOUND: `HOST ${host} does not resolve: set HOST to an address of this machine, or leave it unset`,
  };
  const message = code ? reason[code] : undefined;
  return message
    ? new TalkbotError("listen_failed", `talkbot cannot listen: ${message}.`, { cause: err })
    : err;
}
