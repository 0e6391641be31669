import type { Clock } from "../../clock.ts";

/**
 * Remembers which request signatures have been used, so a request captured in
 * transit cannot be sent again while its timestamp is still fresh. A store shared
 * by every replica implements this too, so a replay sent to another replica fails.
 */
export interface ReplayGuard {
  /**
   * True the first time `signature` is offered; false while it is remembered.
   * `expiresAt` (ms since the epoch) is when the request goes stale anyway, after
   * which the signature need not be kept. `acts` says the request does something
   * a replay would repeat for others to see (a button click: Share in channel);
   * other requests (a /talk; events have their own dedupe) only answer again.
   */
  firstSeen(signature: string, expiresAt: number, acts?: boolean): Promise<boolean>;
}

/** How often forgotten signatures are swept out; a sweep walks every entry. */
const sweepEveryMs = 30_000;

/** One process's memory: enough for a single replica. */
export class MemoryReplayGuard implements ReplayGuard {
  private readonly seen = new Map<string, number>();
  private lastSweep: number;

  constructor(private readonly clock: Clock) {
    this.lastSweep = clock.now().getTime();
  }

  async firstSeen(signature: string, expiresAt: number): Promise<boolean> {
    const now = this.clock.now().getTime();
    if (now - this.lastSweep >= sweepEveryMs) this.sweep(now);
    const known = this.seen.get(signature);
    if (known !== undefined && known > now) return false;
    this.seen.set(signature, expiresAt);
    return true;
  }

  /** Signatures still remembered (for tests and the health of long runs). */
  get size(): number {
    return this.seen.size;
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [signature, expiresAt] of this.seen) {
      if (expiresAt <= now) this.seen.delete(signature);
    }
  }
}

/**
 * The store's memory of signatures, shared by every replica on one database, for
 * requests that act; the rest are checked in this process's memory only, so a
 * /talk never waits for the database. If the store cannot answer, this process's
 * memory does: a database blip must not refuse every click.
 */
export function storeReplayGuard(
  store: { firstSeen(scope: string, id: string, ttlMs: number): Promise<boolean> },
  clock: Clock,
  onError: (err: unknown) => void,
): ReplayGuard {
  const fallback = new MemoryReplayGuard(clock);
  return {
    async firstSeen(signature, expiresAt, acts) {
      const local = await fallback.firstSeen(signature, expiresAt);
      if (!local || !acts) return local;
      try {
        const ttl = Math.max(1_000, expiresAt - clock.now().getTime());
        return await store.firstSeen("signature", signature, ttl);
      } catch (err) {
        onError(err);
        return true;
      }
    },
  };
}
