/**
 * Which ids were seen before, so an event Slack delivers again (a retry after a
 * slow or failed acknowledgement) is answered once. The store implements it for
 * real (so restarts and replicas agree); this in-memory one is for tests and for
 * apps built without a store.
 */
export interface SeenIds {
  /** True the first time `id` is offered in `scope` within `ttlMs`, false for a repeat. */
  firstSeen(scope: string, id: string, ttlMs: number): Promise<boolean>;
}

/** Bounded: the oldest ids are forgotten first, long after Slack's retries are over. */
export class MemorySeenIds implements SeenIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 5_000) {}

  async firstSeen(scope: string, id: string): Promise<boolean> {
    const key = `${scope}\n${id}`;
    if (this.ids.has(key)) return false;
    this.ids.add(key);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return true;
  }
}
