// `npm run build`: the production build, run with `node dist/main.js`.
// esbuild bundles talkbot's own code and Kysely into one file per entry point;
// every other dependency stays a package (native ones like libsql must). Kysely is
// bundled because Node 20 takes over 100 ms to load its 280 ES modules one by one,
// and about 13 ms to load them as one file: most of what the store adds to a start.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const bundled = new Set(["kysely"]);

/**
 * What `node dist/main.js` needs: talkbot, its CLI, and the worker threads that
 * read a reloaded catalog and check a schedule release (src/worker-thread.ts
 * looks for them at dist/catalog/load-worker.js and dist/schedule/release-worker.js).
 */
export const entries = [
  "src/main.ts",
  "src/cli.ts",
  "src/catalog/load-worker.ts",
  "src/schedule/release-worker.ts",
];

/** Bundles `entries` (paths under src/) into `outdir` as ES modules for Node 20. */
export async function bundle(entries, outdir) {
  await build({
    entryPoints: entries.map((e) => join(root, e)),
    outdir,
    // Paths under dist/ as under src/, so the worker is where main.js looks for it.
    outbase: join(root, "src"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    external: Object.keys(pkg.dependencies).filter((d) => !bundled.has(d)),
    // Bundled CommonJS (none today) would need require in an ES module.
    banner: {
      js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);',
    },
    logLevel: "warning",
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundle(entries, join(root, "dist"));
}
