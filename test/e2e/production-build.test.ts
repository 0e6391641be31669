import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
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
    const { bundle } = (await import(join(root, "scripts/build.mjs"))) as {
      bundle(entries: string[], outdir: string): Promise<void>;
    };
    await bundle(["src/main.ts", "src/cli.ts"], out);
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
});
