import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import {
  type BufferedIncomingMessage,
  HTTPModuleFunctions,
  isRawBodyError,
  verifySlackRequest,
} from "@slack/bolt";
import type { Clock } from "../../clock.ts";
import type { Logger } from "../../log.ts";
import type { ReplayGuard } from "./replay-guard.ts";

/** Slack's window: a request signed more than this far from now, either way, is refused. */
export const signatureWindowMs = 5 * 60_000;

export interface GateOptions {
  signingSecret: string;
  /** Paths Slack POSTs to (Bolt's `endpoints`). */
  endpoints: readonly string[];
  bodyLimit: number;
  /** The real time: Slack signs with it, so a rehearsal clock must not be used here. */
  clock: Clock;
  replayGuard: ReplayGuard;
  logger: Logger;
}

/**
 * Checks what Bolt's HTTPReceiver does not before handing a request to it: a
 * timestamp too far in the future, a signature seen before (a replay), and a body
 * that is not an object (`payload=null` makes Bolt throw outside any handler,
 * which ends the process). Bolt still verifies the signature itself after this:
 * the body is buffered once and shared, so the second check costs one HMAC.
 */
export function gateSignedRequests(next: RequestListener, options: GateOptions): RequestListener {
  return (req, res) => {
    if (req.method !== "POST" || !options.endpoints.includes(pathOf(req))) {
      next(req, res);
      return;
    }
    admit(req, res, options).then(
      (ok) => {
        if (ok) next(req, res);
      },
      (err: unknown) => {
        options.logger.error("signed request check failed", err);
        refuse(res, 500);
      },
    );
  };
}

/** Answers the request itself and returns false, or returns true to pass it on. */
async function admit(
  req: IncomingMessage,
  res: ServerResponse,
  options: GateOptions,
): Promise<boolean> {
  let buffered: BufferedIncomingMessage;
  try {
    buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, options.bodyLimit);
  } catch (err) {
    const tooLarge =
      isRawBodyError(err) && (err.statusCode === 413 || err.type === "entity.too.large");
    options.logger.warn(`request body not read: ${(err as Error).message}`);
    return refuse(res, tooLarge ? 413 : 400);
  }
  const raw = buffered.rawBody.toString();
  // Slack's ssl_check is unsigned by design; Bolt answers it and strips anything else.
  if (isSslCheck(req, raw)) return true;

  const signature = header(req, "x-slack-signature");
  const timestamp = Number(header(req, "x-slack-request-timestamp"));
  const nowMs = options.clock.now().getTime();
  try {
    verifySlackRequest({
      signingSecret: options.signingSecret,
      body: raw,
      headers: { "x-slack-signature": signature ?? "", "x-slack-request-timestamp": timestamp },
      nowMilliseconds: nowMs,
    });
  } catch (err) {
    options.logger.warn(`request refused: ${(err as Error).message}`);
    return refuse(res, 401);
  }
  // Bolt refuses only the stale side; a far-future timestamp would stay fresh for long.
  if (timestamp * 1000 > nowMs + signatureWindowMs) {
    options.logger.warn("request refused: x-slack-request-timestamp is more than 5 minutes ahead");
    return refuse(res, 401);
  }
  // Remembered until the request would go stale anyway; after that Bolt refuses it.
  const expiresAt = timestamp * 1000 + signatureWindowMs;
  // Interactions arrive as form field `payload`; commands and events do not.
  const acts = raw.startsWith("payload=");
  if (!(await options.replayGuard.firstSeen(signature ?? "", expiresAt, acts))) {
    options.logger.warn("request refused: this signature was already used (a replayed request)");
    return refuse(res, 401);
  }
  if (!isObjectBody(buffered)) {
    options.logger.warn("request refused: the signed body is not a Slack payload object");
    return refuse(res, 400);
  }
  return true;
}

function isObjectBody(req: BufferedIncomingMessage): boolean {
  try {
    const body: unknown = HTTPModuleFunctions.parseHTTPRequestBody(req);
    return typeof body === "object" && body !== null && !Array.isArray(body);
  } catch {
    return false;
  }
}

function isSslCheck(req: IncomingMessage, raw: string): boolean {
  return (
    req.headers["content-type"] === "application/x-www-form-urlencoded" &&
    new URLSearchParams(raw).get("ssl_check") === "1"
  );
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
}

function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? "/", "http://localhost").pathname;
}

function refuse(res: ServerResponse, status: number): false {
  res.writeHead(status).end();
  return false;
}
