import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Work that can pause: a generator that yields between pieces of a long job
 * (building a search index over 50,000 talks takes seconds), so a caller may
 * run it to the end at once or let other work in between.
 */
export type Steps<T> = Generator<undefined, T, undefined>;

/** Runs `steps` to the end now. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs `steps` in slices of about `sliceMs`, giving the event loop a turn
 * between slices: requests that arrive meanwhile are answered (from what was
 * there before) within a slice, not after the whole job.
 */
export async function runStepsYielding<T>(steps: Steps<T>, sliceMs = 10): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}

/** Pause points per this many items of a loop: often enough for a slice, rare enough to cost nothing. */
export const STEP_EVERY = 128;
