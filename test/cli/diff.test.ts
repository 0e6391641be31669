import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { importFiles } from "../../src/catalog/import/import-files.ts";
import { run } from "../../src/cli/diff.ts";
import { c36c3 } from "../catalog/import/fixtures.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

async function capture(args: string[]) {
  const out: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...p: unknown[]) => void out.push(p.join(" ")));
  const code = await run(args);
  return { code, out: out.join("\n") };
}

const berlin = ["--time-zone", "Europe/Berlin"];

describe("diff CLI", () => {
  it("prints what changed between two releases, readably", async () => {
    const { code, out } = await capture([c36c3[2] as string, c36c3[3] as string, ...berlin]);
    expect(code).toBe(0);
    expect(out.split("\n")[0]).toBe(
      "36c3-3-dd.json → 36c3-4-hexdump.json: 1 added, 3 removed, 5 moved, 3 retitled, 9 talks with changed speakers, 0 in another track (144 unchanged)",
    );
    expect(out).toContain(
      '\nRemoved (cancelled)\n  - "Environmental impact of Surveillance, Adtech and Legacy Code": was Fri 27 Dec 11:30–12:30, Eliza\n',
    );
    expect(out).toContain(
      '  ~ "Art against Facebook": Mon 30 Dec 11:30–12:10, Dijkstra → Sun 29 Dec 21:50–22:30, Eliza',
    );
    expect(out).toContain(
      '  "Reducing Carbon in the Digital Realm": + Chris Adams, − mrchrisadams',
    );
  });

  it("reports a renamed room once instead of a move per talk", async () => {
    const { out } = await capture([c36c3[1] as string, c36c3[2] as string, ...berlin]);
    expect(out).toContain("\nRooms renamed\n  Adams → Ada (36c3, 37 talks)\n");
    expect(out).not.toContain("\nMoved\n");
    expect(out).toContain(
      '\nTrack changed\n  "Today\'s digital industry is unsustainable so where to go?": Art & Culture → Resilience & Sustainability',
    );
  });

  it("compares a catalog file with an export, and prints JSON for scripts", async () => {
    const catalogPath = join(mkdtempSync(join(tmpdir(), "talkbot-diff-cli-")), "catalog.json");
    const { catalog } = await importFiles([c36c3[0] as string], { timeZone: "Europe/Berlin" });
    writeFileSync(catalogPath, JSON.stringify(catalog));
    const { out } = await capture([catalogPath, c36c3[1] as string, "--json", ...berlin]);
    const json = JSON.parse(out);
    expect(json.counts).toEqual({
      added: 0,
      removed: 0,
      moved: 4,
      retitled: 3,
      speakersChanged: 3,
      retracked: 0,
      unchanged: 150,
    });
    expect(json.changes).toHaveLength(10);
    expect(json.affected.length).toBeGreaterThan(0);
  });

  it("refuses anything but two files, through the real command line", async () => {
    const cli = promisify(execFile)("npx", ["tsx", "src/cli.ts", "diff", c36c3[0] as string]);
    const failure = (await cli.catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain("expected two files, the old release and the new one");
  });
});
