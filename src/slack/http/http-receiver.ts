import type { Server } from "node:http";
import {
  type CustomRoute,
  defaultBodyLimit,
  HTTPModuleFunctions,
  HTTPReceiver,
  type Logger,
  type ReceiverDispatchErrorHandlerArgs,
} from "@slack/bolt";
import type { Clock } from "../../clock.ts";
import type { ReplayGuard } from "./replay-guard.ts";
import { gateSignedRequests } from "./signed-request-gate.ts";

export interface HttpReceiverOptions {
  signingSecret: string;
  customRoutes: CustomRoute[];
  logger: Logger;
  /** Real time, for the signature window. */
  clock: Clock;
  replayGuard: ReplayGuard;
}

const endpoints = ["/slack/events"];

/**
 * Bolt's own HTTP receiver, with talkbot's checks in front of its request
 * listener (see gateSignedRequests). Bolt's receiver calls `requestListener` for
 * every request, so replacing it puts the gate in front of everything it serves.
 */
export function createHttpReceiver(options: HttpReceiverOptions): HTTPReceiver {
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints,
    // Never turned off: it is what makes forged requests fail with 401.
    signatureVerification: true,
    customRoutes: options.customRoutes,
    logger: options.logger,
    bodyLimit: defaultBodyLimit,
    dispatchErrorHandler: answerUndecodablePaths,
  });
  receiver.requestListener = gateSignedRequests(receiver.requestListener, {
    ...options,
    endpoints,
    bodyLimit: defaultBodyLimit,
  });
  return receiver;
}

/**
 * Bolt decodes a custom route's path parameters before any handler runs, and a
 * bad %-escape (`/calendar/%E0.ics`) throws there: its default answers 500 and
 * logs the whole path, which for the calendar feed holds a secret token. Such a
 * path names nothing, so it gets a plain 404, the one the calendar routes give,
 * and is not logged. Everything else is Bolt's default.
 */
function answerUndecodablePaths(args: ReceiverDispatchErrorHandlerArgs): void {
  if (!(args.error instanceof URIError)) {
    HTTPModuleFunctions.defaultDispatchErrorHandler(args);
    return;
  }
  const body = "Not found";
  args.response.writeHead(404, {
    "content-type": "text/plain; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
  });
  args.response.end(args.request.method === "HEAD" ? undefined : body);
}

/** How long requests already being answered get to finish when talkbot stops. */
export const shutdownGraceMs = 5_000;

/**
 * Stops `server` the way a service should: `stop` (Bolt's, which closes the
 * server) stops accepting at once and idle keep-alive connections close; requests
 * in flight get `graceMs` to finish; then every connection left is cut, so a
 * client holding a half-sent request cannot keep the process alive.
 */
export async function stopWithGrace(
  server: Server,
  stop: () => Promise<void>,
  graceMs = shutdownGraceMs,
): Promise<void> {
  const stopped = stop();
  server.closeIdleConnections();
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await stopped;
  } finally {
    clearTimeout(cut);
  }
}
