import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { run } from "../../src/cli/schedule.ts";
import { contentHash } from "../../src/schedule/source.ts";
import { c36c3 } from "../catalog/import/fixtures.ts";
import { cutTo, ReleaseServer, releases36c3, truncatedXml } from "../schedule/release-server.ts";
import { runCli } from "../support/cli.ts";

let server: ReleaseServer;
let url: string;
let dir: string;

beforeAll(async () => {
  server = new ReleaseServer();
  url = await server.start();
  dir = mkdtempSync(join(tmpdir(), "talkbot-schedule-cli-"));
});

afterAll(async () => {
  await server.close();
});

afterEach(() => {
  vi.restoreAllMocks();
  server.failWith = null;
});

const capture = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(run, args, env);

const berlin = ["--time-zone", "Europe/Berlin"];

describe("schedule check", () => {
  it("says it would apply a release, and what it would announce, by track", async () => {
    server.body = releases36c3[3] as string;
    const { code, out } = await capture(["check", url, ...berlin, "--catalog", c36c3[2] as string]);
    expect(code).toBe(0);
    const lines = out.split("\n");
    expect(lines[0]).toBe(
      `Would apply release ${contentHash(releases36c3[3] as string)}: 36c3 (Europe/Berlin): 8 tracks, 161 talks`,
    );
    expect(lines[1]).toBe(
      `Against ${c36c3[2]} (163 talks): 1 new, 3 cancelled, 5 moved, 3 retitled, 9 talks with changed speakers, 0 in another track (144 unchanged)`,
    );
    expect(out).toContain("What would be announced, by track (times in Europe/Berlin):");
    expect(out).toContain(
      [
        "Art & Culture",
        '  cancelled  "Environmental impact of Surveillance, Adtech and Legacy Code": was Fri 27 Dec 11:30–12:30, Eliza',
        '  moved      "Art against Facebook": Mon 30 Dec 11:30–12:10, Dijkstra → Sun 29 Dec 21:50–22:30, Eliza',
        "",
      ].join("\n"),
    );
    expect(out).toContain(
      '  retitled   "Opening Ceremony (de)" → "Opening Ceremony"\n  new        "Technical aspects of the surveillance in and around the Ecuadorian embassy in London": Fri 27 Dec 11:30–12:30, Eliza (andy)\n',
    );
    expect(out).toContain(
      '  speakers   "Reducing Carbon in the Digital Realm": + Chris Adams, − mrchrisadams',
    );
  });

  it("tells a renamed room once, and a talk that changed track to both tracks", async () => {
    const { code, out } = await capture([
      "check",
      c36c3[2] as string,
      ...berlin,
      "--catalog",
      c36c3[1] as string,
    ]);
    expect(code).toBe(0);
    expect(out).toContain("\nRooms renamed\n  Adams → Ada (36c3, 37 talks)\n");
    expect(out).toContain(
      `  left       "Framing digital industry into planetary limits": now in Resilience & Sustainability`,
    );
    expect(out).toContain(
      `  joined     "Today's digital industry is unsustainable so where to go?": from Art & Culture`,
    );
    // A talk whose only change is the rename is not listed as moved.
    expect(out).not.toMatch(/moved .*Adams → .*Ada\n/);
  });

  it("says nothing changed for the release in force", async () => {
    const { code, out } = await capture([
      "check",
      c36c3[0] as string,
      ...berlin,
      "--catalog",
      c36c3[0] as string,
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/\n\nNothing to announce\.$/);
  });

  it("refuses a release that does not parse, naming the URL and the line (exit 1)", async () => {
    server.body = truncatedXml;
    const { code, out } = await capture(["check", url, "--catalog", c36c3[3] as string, ...berlin]);
    expect(code).toBe(1);
    expect(out).toMatch(
      new RegExp(
        `^Would not apply release [0-9a-f]{16}: does not parse: ${url.replace(/[.]/g, "\\.")}: not well-formed XML: line \\d+, column \\d+: .+$`,
      ),
    );
  });

  it("refuses an export cut short, with the counts (exit 1)", async () => {
    server.body = cutTo(releases36c3[3] as string, 3);
    const { code, out } = await capture(["check", url, "--catalog", c36c3[3] as string, ...berlin]);
    expect(code).toBe(1);
    expect(out).toMatch(
      /^Would not apply release [0-9a-f]{16}: cut short\? it would remove 158 of the 161 talks in force at once \(3 left\)$/,
    );
  });

  it("refuses a source it cannot fetch (exit 1)", async () => {
    server.failWith = 503;
    const { code, out } = await capture(["check", url, "--catalog", c36c3[3] as string, ...berlin]);
    expect(code).toBe(1);
    expect(out).toBe(`Would not apply: ${url} cannot be fetched: HTTP 503 Service Unavailable`);
  });

  it("refuses a catalog source that fails validation, naming the talk and field", async () => {
    const catalog = join(dir, "bad-catalog.json");
    writeFileSync(
      catalog,
      JSON.stringify({
        events: [{ id: "ev", name: "Ev", timeZone: "UTC", sources: ["x"] }],
        tracks: [],
        talks: [
          {
            id: "late",
            eventId: "ev",
            trackId: null,
            title: "Late",
            abstract: "",
            speakers: [],
            start: "2020-01-01T10:00:00+00:00",
            end: "2020-01-01T09:00:00+00:00",
            tags: [],
            sources: ["x"],
          },
        ],
      }),
    );
    const { code, out } = await capture([
      "check",
      catalog,
      "--catalog",
      c36c3[3] as string,
      ...berlin,
    ]);
    expect(code).toBe(1);
    expect(out).toMatch(/: fails validation: talk "late" field end: /);
  });

  it("explains bad arguments", async () => {
    await expect(capture(["check"])).rejects.toThrow(/no schedule source given/);
    await expect(capture(["verify", url])).rejects.toThrow(/unknown subcommand "verify"/);
    await expect(capture(["check", url, "--time-zone", "Berlin"])).rejects.toThrow(
      /not an IANA time zone/,
    );
    await expect(capture(["check", "gopher://x/y"])).rejects.toThrow(/only http\(s\) URLs/);
    await expect(capture(["check", url, url])).rejects.toThrow(/is given twice/);
  });

  it("takes a first release when there is no catalog in force, through the real command line", async () => {
    server.body = releases36c3[0] as string;
    const root = resolve(".");
    const { TALKBOT_CATALOG: _, ...env } = process.env;
    const cli = await promisify(execFile)(
      join(root, "node_modules/.bin/tsx"),
      [join(root, "src/cli.ts"), "schedule", "check", url, ...berlin],
      { cwd: dir, env },
    ).catch((e: unknown) => e as { stdout: string; code: number });
    expect(cli).toMatchObject({
      stdout: expect.stringContaining(
        "First release: no catalog in force at data/catalog.json, so it is applied without announcements.",
      ),
    });
    expect((cli as { code?: number }).code ?? 0).toBe(0);
  });
});
