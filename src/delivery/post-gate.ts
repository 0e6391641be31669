import type { Sleep } from "./engine.ts";

/**
 * What every channel passes before it posts. Slack limits a workspace as well as
 * each channel: thousands of channel queues (a reminder DM each) posting as fast
 * as each channel allows would keep hitting the workspace's 429, each channel
 * learning it on its own. The gate lets a few posts out at once, the earliest
 * deadline first across all channels, and after a 429 lets none out until its
 * Retry-After has passed.
 */
export interface PostGate {
  /**
   * Waits for a turn: a free slot while no 429 pause is on; among those waiting,
   * the earliest deadline goes first (ties: first come). Resolves to the function
   * that gives the slot back; at once, with nothing held, when `signal` aborts.
   */
  acquire(deadline: Date, signal: AbortSignal): Promise<() => void>;
  /** Slack answered 429: no turn is given until `ms` (real) has passed, or a longer pause already on ends. */
  pause(ms: number): void;
  /** True during a 429 pause. */
  readonly paused: boolean;
}

interface Waiter {
  deadline: number;
  seq: number;
  grant: (release: () => void) => void;
}

/** The gate itself: `maxInFlight` slots, pauses waited out with `sleep` (stopped by `signal`). */
export function createPostGate(options: {
  maxInFlight: number;
  sleep: Sleep;
  signal: AbortSignal;
}): PostGate {
  const { maxInFlight, sleep, signal } = options;
  const waiting = new DeadlineHeap();
  let inFlight = 0;
  let pauses = 0;
  let seq = 0;
  let pumpScheduled = false;

  function pump(): void {
    while (pauses === 0 && inFlight < maxInFlight) {
      const next = waiting.pop();
      if (!next) return;
      inFlight++;
      let given = false;
      next.grant(() => {
        if (given) return;
        given = true;
        inFlight--;
        pump();
      });
    }
  }

  return {
    acquire(deadline, abort) {
      if (abort.aborted) return Promise.resolve(noop);
      return new Promise((resolve) => {
        const waiter: Waiter = {
          deadline: deadline.getTime(),
          seq: seq++,
          grant: (release) => {
            abort.removeEventListener("abort", onAbort);
            resolve(release);
          },
        };
        const onAbort = () => {
          waiting.remove(waiter);
          resolve(noop);
        };
        abort.addEventListener("abort", onAbort, { once: true });
        waiting.push(waiter);
        // Not granted in this turn of the event loop: every channel whose item
        // became due in the same tick joins first, so the earliest deadline wins.
        if (!pumpScheduled) {
          pumpScheduled = true;
          setImmediate(() => {
            pumpScheduled = false;
            pump();
          });
        }
      });
    },
    pause(ms) {
      pauses++;
      // Each pause is waited out on its own; turns resume when the last one ends.
      void sleep(ms, signal).then(() => {
        pauses--;
        pump();
      });
    },
    get paused() {
      return pauses > 0;
    },
  };
}

/** No slots, no pauses, no order: each channel on its own (the engine before the gate). */
export const ungated: PostGate = {
  acquire: () => Promise.resolve(noop),
  pause: () => {},
  paused: false,
};

const noop = () => {};

/** A binary min-heap of waiters by deadline, then arrival. */
class DeadlineHeap {
  private readonly items: Waiter[] = [];

  push(w: Waiter): void {
    this.items.push(w);
    this.up(this.items.length - 1);
  }

  pop(): Waiter | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (top && last && last !== top) {
      this.items[0] = last;
      this.down(0);
    }
    return top;
  }

  remove(w: Waiter): void {
    const i = this.items.indexOf(w);
    if (i < 0) return;
    const last = this.items.pop() as Waiter;
    if (i === this.items.length) return;
    this.items[i] = last;
    this.up(i);
    this.down(i);
  }

  private before(a: number, b: number): boolean {
    const x = this.items[a] as Waiter;
    const y = this.items[b] as Waiter;
    return x.deadline < y.deadline || (x.deadline === y.deadline && x.seq < y.seq);
  }

  private swap(a: number, b: number): void {
    const t = this.items[a] as Waiter;
    this.items[a] = this.items[b] as Waiter;
    this.items[b] = t;
  }

  private up(i: number): void {
    for (let p = (i - 1) >> 1; i > 0 && this.before(i, p); i = p, p = (i - 1) >> 1) {
      this.swap(i, p);
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.items.length && this.before(l, m)) m = l;
      if (r < this.items.length && this.before(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
