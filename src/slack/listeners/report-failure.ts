import { randomBytes } from "node:crypto";
import type { Logger } from "../../log.ts";
import type { SlackMessage } from "../blocks/limits.ts";
import { apologyText, noticeMessage } from "../blocks/notice-message.ts";

/**
 * Logs a listener's failure under a short reference id and returns it, so the
 * apology a user quotes leads straight to the log line.
 */
export function reportFailure(
  logger: Logger,
  err: unknown,
  context: Record<string, string | number | undefined>,
): string {
  const ref = randomBytes(4).toString("hex");
  const detail = Object.entries(context)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(" ");
  logger.error(`[ref ${ref}] listener failed: ${detail}`, err);
  return ref;
}

/** What the person whose request failed is told: the failure logged, its reference quoted. */
export function apologyFor(
  logger: Logger,
  err: unknown,
  context: Record<string, string | number | undefined>,
): SlackMessage {
  return noticeMessage(apologyText(reportFailure(logger, err, context)));
}
