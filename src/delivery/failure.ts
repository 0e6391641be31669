/**
 * How a post failed, as far as exactly-once cares: did Slack answer (then we know
 * nothing was posted), or might the message be in the channel already?
 */
export type Failure =
  /** Slack answered 429: not posted; wait this long. */
  | { kind: "rate-limited"; waitMs: number; what: string }
  /** Slack answered and did not post (e.g. internal_error): try again later. */
  | { kind: "not-posted"; what: string }
  /** No answer, or one that does not say (timeout, reset, 5xx): it may have been posted. */
  | { kind: "unknown"; what: string }
  /** Slack refused for good (channel_not_found, invalid_auth): settle it as failed. */
  | { kind: "permanent"; what: string; hint: string };

/** What a delivery port throws; ports classify their own transport's errors into it. */
export class DeliveryError extends Error {
  constructor(
    readonly failure: Failure,
    cause?: unknown,
  ) {
    super(failure.what, { cause });
    this.name = "DeliveryError";
  }
}

/** Anything a port throws that it did not classify is treated as an unknown outcome. */
export function failureOf(err: unknown): Failure {
  if (err instanceof DeliveryError) return err.failure;
  return { kind: "unknown", what: err instanceof Error ? err.message : String(err) };
}
