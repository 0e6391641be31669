/** What a benchmark prints: one JSON object per measurement (bench/run.ts adds its name). */
export type Measurement = Record<string, string | number | boolean | null>;
export type Report = (measurement: Measurement) => void;

/** bench/<name>.ts exports `run`; bench/run.ts lists the benchmarks and runs them. */
export interface Benchmark {
  run(report: Report): Promise<void>;
}
