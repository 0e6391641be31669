/**
 * Requests built exactly as Slack builds them: form bodies for commands and
 * interactions, JSON for events, signed `v0=HMAC-SHA256(secret, "v0:" + ts + ":" + body)`.
 */
import { createHmac } from "node:crypto";

export function formBody(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/%20/g, "+")}`)
    .join("&");
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SendOptions {
  secret?: string;
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Leave the signature headers out. */
  unsigned?: boolean;
  headers?: Record<string, string>;
}

export async function postToSlackApp(
  url: string,
  body: string,
  contentType: "application/x-www-form-urlencoded" | "application/json",
  options: SendOptions,
): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { "content-type": contentType, ...options.headers };
  if (!options.unsigned) {
    headers["x-slack-request-timestamp"] = String(timestamp);
    headers["x-slack-signature"] = sign(options.secret ?? "", timestamp, body);
  }
  return fetch(url, { method: "POST", headers, body });
}

export function slashCommand(
  fields: { text: string; response_url: string } & Record<string, string>,
) {
  return formBody({
    token: "deprecated-verification-token",
    team_id: "T0CONF",
    team_domain: "conf",
    channel_id: "C0CONF",
    channel_name: "general",
    user_id: "U0ALICE",
    user_name: "alice",
    command: "/talk",
    api_app_id: "A0TALKBOT",
    is_enterprise_install: "false",
    trigger_id: "1.2.3",
    ...fields,
  });
}

export function mentionEvent(eventId: string, text: string, ts = "1583225000.000100") {
  return {
    token: "deprecated-verification-token",
    team_id: "T0CONF",
    api_app_id: "A0TALKBOT",
    type: "event_callback",
    event_id: eventId,
    event_time: 1583225000,
    authorizations: [{ team_id: "T0CONF", user_id: "U0TALKBOT", is_bot: true }],
    event: {
      type: "app_mention",
      user: "U0ALICE",
      text,
      ts,
      channel: "C0CONF",
      event_ts: ts,
    },
  };
}

export function buttonClick(
  actionId: string,
  value: string,
  responseUrl: string,
  container: Record<string, unknown> = { type: "message", is_ephemeral: true },
) {
  return {
    type: "block_actions",
    user: { id: "U0BOB", username: "bob", team_id: "T0CONF" },
    api_app_id: "A0TALKBOT",
    token: "deprecated-verification-token",
    container: { message_ts: "1583225001.000200", channel_id: "C0CONF", ...container },
    trigger_id: "1.2.3",
    team: { id: "T0CONF", domain: "conf" },
    channel: { id: "C0CONF", name: "general" },
    response_url: responseUrl,
    actions: [
      {
        type: "button",
        action_id: actionId,
        block_id: "b1",
        text: { type: "plain_text", text: "Details" },
        value,
        action_ts: "1583225002.000300",
      },
    ],
  };
}
