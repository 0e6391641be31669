/**
 * Slack's limits on chat.postMessage, for the fake: about one message a second
 * per channel, and a workspace-wide budget. Over either, Slack answers HTTP 429
 * with `Retry-After` in whole seconds and `{"ok":false,"error":"ratelimited"}`.
 * Slack does not publish the workspace figure ("several hundred a minute"), so
 * tests and benchmarks choose one and say which.
 */
export interface RateLimitOptions {
  /** Milliseconds one channel must leave between two posts (Slack: about 1000). */
  perChannelMs?: number;
  /** At most `max` posts in any `windowMs` across all channels. */
  workspace?: { max: number; windowMs: number };
}

export class RateLimiter {
  private readonly perChannelMs: number;
  private readonly lastByChannel = new Map<string, number>();
  /** Times of the posts let through, oldest first, within the workspace window. */
  private readonly recent: number[] = [];
  private head = 0;
  /** 429s answered: by the channel limit, by the workspace budget. */
  readonly refused = { channel: 0, workspace: 0 };

  constructor(private readonly options: RateLimitOptions) {
    this.perChannelMs = options.perChannelMs ?? 1000;
  }

  /** Lets a post to `channel` at `now` through (and counts it), or says how many seconds to wait. */
  check(channel: string, now: number): { retryAfter: number } | null {
    const last = this.lastByChannel.get(channel);
    if (last !== undefined && now - last < this.perChannelMs) {
      this.refused.channel++;
      return { retryAfter: seconds(last + this.perChannelMs - now) };
    }
    const budget = this.options.workspace;
    if (budget) {
      while (
        this.head < this.recent.length &&
        (this.recent[this.head] as number) <= now - budget.windowMs
      ) {
        this.head++;
      }
      if (this.head > 4096) {
        this.recent.splice(0, this.head);
        this.head = 0;
      }
      if (this.recent.length - this.head >= budget.max) {
        this.refused.workspace++;
        return { retryAfter: seconds((this.recent[this.head] as number) + budget.windowMs - now) };
      }
      this.recent.push(now);
    }
    this.lastByChannel.set(channel, now);
    return null;
  }
}

/** Whole seconds, at least one, as Slack writes Retry-After. */
function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
