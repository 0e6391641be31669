/**
 * `npm run bench [-- <name>...]`: runs each registered benchmark (all by
 * default) and prints one JSON object per line per measurement, so results can
 * be piped into jq or appended to a log. Add a benchmark as bench/<name>.ts
 * exporting `run(report)` and register it below.
 */
import os from "node:os";
import type { Benchmark } from "./lib/report.ts";

const benchmarks: Record<string, () => Promise<Benchmark>> = {
  search: () => import("./search.ts"),
  http: () => import("./http.ts"),
  bolt: () => import("./bolt.ts"),
  memory: () => import("./memory.ts"),
  store: () => import("./store.ts"),
  reminders: () => import("./reminders.ts"),
  reload: () => import("./reload.ts"),
};

async function main(names: string[]): Promise<number> {
  const unknown = names.filter((n) => !(n in benchmarks));
  if (unknown.length > 0) {
    console.error(
      `unknown benchmark ${unknown.join(", ")}; known: ${Object.keys(benchmarks).join(", ")}`,
    );
    return 2;
  }
  const selected = names.length > 0 ? names : Object.keys(benchmarks);
  console.log(
    JSON.stringify({
      bench: "environment",
      node: process.version,
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? null,
      loadavg_1m: Number(os.loadavg()[0]?.toFixed(2)),
      at: new Date().toISOString(),
    }),
  );
  for (const name of selected) {
    const load = benchmarks[name];
    if (!load) continue;
    const benchmark = await load();
    await benchmark.run((m) => console.log(JSON.stringify({ bench: name, ...m })));
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
