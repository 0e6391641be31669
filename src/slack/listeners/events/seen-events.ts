/**
 * Remembers the most recent event ids, so an event Slack delivers again (a retry
 * after a slow or failed acknowledgement) is answered once. Bounded: the oldest
 * ids are forgotten first, long after Slack's retries (minutes) are over.
 */
export class SeenEvents {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 5_000) {}

  /** True the first time an id is offered, false for every repeat. */
  firstTime(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return true;
  }
}
