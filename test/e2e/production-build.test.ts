import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
// Inside the project, so the bundle's external packages resolve from node_modules.
const cache = join(root, "node_modules/.cache");
mkdirSync(cache, { recursive: true });
const out = mkdtempSync(join(cache, "talkbot-build-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("the production build (npm run build, node dist/main.js)", () => {
  it("bundles main and the CLI, which run with plain node on the embedded store", async () => {
    const { bundle, entries } = (await import(join(root, "scripts/build.mjs"))) as {
      bundle(entries: string[], outdir: string): Promise<void>;
      entries: string[];
    };
    await bundle(entries, out);
    const answer = execFileSync(process.execPath, [join(out, "main.js")], {
      cwd: root,
      input: "/talk kafka\n",
      encoding: "utf8",
      env: { PATH: process.env.PATH, TALKBOT_NOW: "2020-03-03T10:00:00Z" },
    });
    expect(answer).toMatch(/^6 talks for "kafka"/);
    const state = join(out, "state");
    const status = execFileSync(process.execPath, [join(out, "cli.js"), "db", "migrate"], {
      cwd: root,
      encoding: "utf8",
      env: { PATH: process.env.PATH, TALKBOT_STATE_DIR: state },
    });
    expect(status).toContain("schema up to date");
  });

  it("reloads the catalog in its bundled worker thread", async () => {
    // Runs after the bundle above is built.
    const catalog = join(out, "catalog.json");
    copyFileSync(join(root, "data/catalog.json"), catalog);
    const child = spawn(process.execPath, [join(out, "main.js")], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        TALKBOT_NOW: "2020-03-03T10:00:00Z",
        TALKBOT_CATALOG: catalog,
        LOG_LEVEL: "info",
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += String(c)));
    child.stderr.on("data", (c) => (stderr += String(c)));
    const until = async (done: () => boolean) => {
      for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
      expect(done()).toBe(true);
    };
    // Started: the terminal's digests say so on stderr at info.
    await until(() => stderr.includes("digests"));
    const seed = JSON.parse(readFileSync(catalog, "utf8")) as { talks: { title: string }[] };
    const first = seed.talks[0] as { title: string };
    first.title = "Zanzibar reloaded";
    writeFileSync(catalog, JSON.stringify(seed));
    child.kill("SIGHUP");
    await until(() => /catalog reloaded \(SIGHUP\): 34 talks/.test(stderr));
    child.stdin.end("/talk zanzibar\n");
    await new Promise((r) => child.once("exit", r));
    expect(stdout).toContain("Zanzibar reloaded");
  });
});
