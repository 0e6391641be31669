import { Worker } from "node:worker_threads";

/**
 * Starts one of talkbot's own worker entries (`entry`: its path under src/
 * without extension, e.g. "catalog/load-worker"): the bundled file beside the
 * production build's main.js (scripts/build.mjs keeps paths under dist/ as under
 * src/), or the TypeScript source through tsx. On Node 20 tsx does not register
 * itself in worker threads, even with `--import tsx` in execArgv, so a small ES
 * module registers tsx's loader first and then imports the entry.
 */
export function startWorker(entry: string, workerData: unknown): Worker {
  if (!import.meta.url.endsWith(".ts")) {
    return new Worker(new URL(`./${entry}.js`, import.meta.url), { workerData });
  }
  const tsx = import.meta.resolve("tsx/esm/api");
  const url = new URL(`./${entry}.ts`, import.meta.url).href;
  const bootstrap = `const { register } = await import(${JSON.stringify(tsx)}); register(); await import(${JSON.stringify(url)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), {
    workerData,
  });
}
