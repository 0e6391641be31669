import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { run } from "../../src/cli/search.ts";
import { smallCatalog } from "../search/small-catalog.ts";

let catalogPath: string;

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), "talkbot-search-cli-"));
  catalogPath = join(dir, "catalog.json");
  writeFileSync(catalogPath, JSON.stringify(smallCatalog()));
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function output(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => {
    lines.push(parts.join(" "));
  });
  const code = await run(args, env);
  return { code, out: lines.join("\n") };
}

describe("search CLI", () => {
  it("--json prints the ranked talks with id, title and schedule fields", async () => {
    const { code, out } = await output(["kafka", "--json", "--catalog", catalogPath]);
    expect(code).toBe(0);
    const hits = JSON.parse(out);
    expect(hits.map((h: { id: string }) => h.id)).toEqual(["kafka-streams", "untimed", "flink"]);
    expect(hits[0]).toMatchObject({
      id: "kafka-streams",
      title: "Kafka Streams in Production",
      start: "2020-03-03T10:35:00+00:00",
      end: "2020-03-03T11:25:00+00:00",
      room: "Churchill",
      track: "Streaming Data",
      speakers: [{ name: "Anna Povzner", company: "Confluent" }],
    });
    expect(hits[0].matched).toContain("title");
  });

  it("--json prints [] when nothing matches", async () => {
    const { code, out } = await output(["zzqxjvw", "--json", "--catalog", catalogPath]);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual([]);
  });

  it("--at sets the clock for time words and --limit caps the list", async () => {
    const args = ["now", "--at", "2020-03-03T10:40:00Z", "--json", "--catalog", catalogPath];
    const { out } = await output([...args, "--limit", "1"]);
    expect(JSON.parse(out).map((h: { id: string }) => h.id)).toEqual(["exchange"]);
  });

  it("reads the catalog named by TALKBOT_CATALOG", async () => {
    const { out } = await output(["dazn", "--json"], { TALKBOT_CATALOG: catalogPath });
    expect(JSON.parse(out)[0].id).toBe("frontends");
  });

  it("prints a readable list without --json", async () => {
    const { out } = await output(["by luca", "--catalog", catalogPath]);
    expect(out).toContain("Filters: speaker: Luca Mezzalira");
    expect(out).toContain("1. Lessons From DAZN: Scaling Your Project with Micro-Frontends");
    expect(out).toContain("Luca Mezzalira (VP of Architecture, DAZN)");
    expect(out).toContain("Tue 3 Mar 2020, 13:40–14:30 GMT");
  });

  it("suggests names when nothing matches", async () => {
    const { out } = await output(['track:"architectures of doom"', "--catalog", catalogPath]);
    expect(out).toContain("No talks match.");
    expect(out).toContain("Did you mean: Architectures You've Always Wondered About");
  });

  it("refuses a malformed --at with a usage error", async () => {
    await expect(
      output(["now", "--at", "tuesday", "--catalog", catalogPath]),
    ).rejects.toMatchObject({
      name: "UsageError",
      message: expect.stringContaining("--at expects an ISO 8601 instant"),
    });
  });

  it("exits 1 with a clean message through the real command line", async () => {
    const exec = promisify(execFile);
    const result = await exec(
      "npx",
      ["tsx", "src/cli.ts", "search", "kafka", "--limit", "zero", "--catalog", catalogPath],
      { cwd: join(import.meta.dirname, "../..") },
    ).catch((err: { code: number; stderr: string }) => err);
    expect(result).toMatchObject({ code: 1 });
    expect((result as { stderr: string }).stderr).toContain("--limit expects a whole number");
    expect((result as { stderr: string }).stderr).not.toContain("    at ");
  });
});

describe("search CLI on the bundled catalog: the answers of issue 11", () => {
  const bundled = ["--catalog", "data/catalog.json"];

  it("shows a track with no sessions listed, tracks and rooms, and the 'next at' notice", async () => {
    expect((await output(["track java", ...bundled])).out).toContain("No sessions listed yet.");
    expect((await output(["rooms", ...bundled])).out).toContain("Fleming, 3rd flr. · 6 talks");
    const now = await output(["now", "--at", "2020-03-03T10:00:00Z", ...bundled]);
    expect(now.out).toContain("Nothing in progress right now; next at 10:35.");
  });
});
