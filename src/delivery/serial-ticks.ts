/**
 * Ticks that never overlap: each waits for the one before, so a slow tick (a
 * store round trip) and the next heartbeat cannot plan the same items twice.
 * `beat` is the heartbeat's form: it logs a failed tick instead of throwing.
 */
export function serialTicks<R>(
  run: () => Promise<R>,
  onError: (err: unknown) => void,
): { tick(): Promise<R>; beat(): Promise<void>; settled(): Promise<unknown> } {
  let chain: Promise<unknown> = Promise.resolve();
  const tick = (): Promise<R> => {
    const next = chain.then(run);
    chain = next.catch(() => {});
    return next;
  };
  return {
    tick,
    beat: async () => {
      try {
        await tick();
      } catch (err) {
        onError(err);
      }
    },
    settled: () => chain,
  };
}
