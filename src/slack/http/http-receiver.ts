import { type CustomRoute, defaultBodyLimit, HTTPReceiver, type Logger } from "@slack/bolt";
import type { Clock } from "../../clock.ts";
import { gateSignedRequests } from "./signed-request-gate.ts";

export interface HttpReceiverOptions {
  signingSecret: string;
  customRoutes: CustomRoute[];
  logger: Logger;
  /** Real time, for the signature window. */
  clock: Clock;
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
  });
  receiver.requestListener = gateSignedRequests(receiver.requestListener, {
    ...options,
    endpoints,
    bodyLimit: defaultBodyLimit,
  });
  return receiver;
}
