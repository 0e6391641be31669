/** What every time-dependent piece reads instead of `Date.now()`. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock frozen at (or stepped to) a chosen instant, for tests. */
export class FixedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date): void {
    this.current = new Date(to);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * Rehearsal clock: starts at `start` and runs `speed` times faster than `base`.
 * With speed 120 an hour of conference passes in 30 real seconds.
 */
export function simulatedClock(start: Date, speed = 1, base: Clock = systemClock): Clock {
  const realStart = base.now().getTime();
  const simStart = start.getTime();
  return {
    now: () => new Date(simStart + (base.now().getTime() - realStart) * speed),
  };
}

/** The clock TALKBOT_NOW and TALKBOT_SPEED ask for: the real one unless either is set. */
export function clockFor(settings: { now: Date | undefined; speed: number }): Clock {
  if (settings.now) return simulatedClock(settings.now, settings.speed);
  return settings.speed === 1 ? systemClock : simulatedClock(new Date(), settings.speed);
}
