import { randomBytes } from "node:crypto";
import type { Logger } from "../../log.ts";

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
