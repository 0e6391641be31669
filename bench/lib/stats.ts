/** Small statistics helpers shared by the HTTP and memory benchmarks. */

/** Nearest-rank percentile of an ascending array (`p` in 0..1). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Median of any array (the upper middle for an even count, so it is always a sample). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

/** Milliseconds for a JSON line: three decimals under 1 ms, two above. */
export function ms(value: number): number {
  return Number(value.toFixed(value < 1 ? 3 : 2));
}

export function mb(bytes: number): number {
  return Number((bytes / 1024 / 1024).toFixed(1));
}

export function ratio(a: number, b: number): number {
  return Number((a / b).toFixed(2));
}
