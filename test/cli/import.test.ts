import { execFile } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CatalogError } from "../../src/catalog/catalog-error.ts";
import { loadCatalogFile } from "../../src/catalog/load.ts";
import { parseImportArgs, run } from "../../src/cli/import.ts";
import { c36c3, fosdemXml, raw, xmlUnescape } from "../catalog/import/fixtures.ts";
import { runCli } from "../support/cli.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

const capture = (args: string[]) => runCli(run, args);

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "talkbot-import-cli-"));
}

describe("import CLI", () => {
  it("writes FOSDEM as a valid catalog and says what it holds", async () => {
    const out = join(tempDir(), "nested", "fosdem.json");
    const result = await capture([fosdemXml, "--out", out]);
    expect(result.code).toBe(0);
    // Speakers counted by hand: distinct names of the persons on the raw events.
    const people = new Set(
      [...raw(fosdemXml).matchAll(/<person id="\d+">([^<]+)<\/person>/g)].map((m) =>
        xmlUnescape(m[1] ?? "").trim(),
      ),
    );
    expect(result.out).toContain(`→ event "fosdem-2026": 62 tracks, 883 talks`);
    expect(result.out).toContain(
      `wrote ${out}: 1 event, 62 tracks, 883 talks, ${people.size} speakers, 0 skipped`,
    );
    expect(loadCatalogFile(out).talks).toHaveLength(883);
  });

  it("leaves the previous catalog in place when the import is refused", async () => {
    const dir = tempDir();
    const out = join(dir, "catalog.json");
    writeFileSync(out, "previous release");
    await expect(capture([c36c3[0] as string, "--out", out])).rejects.toThrow(CatalogError);
    expect(readFileSync(out, "utf8")).toBe("previous release");
    expect(readdirSync(dir)).toEqual(["catalog.json"]);
  });

  it("says when it cannot write the output, and leaves no temporary file behind", async () => {
    const dir = tempDir();
    const out = join(dir, "taken");
    mkdirSync(out);
    const failure = await capture([fosdemXml, "--out", out]).catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: "UsageError" });
    expect((failure as Error).message).toMatch(new RegExp(`^cannot write ${out}: `));
    expect(readdirSync(dir)).toEqual(["taken"]);
  });

  it("lists skipped events and counts them", async () => {
    const dir = tempDir();
    const xml = join(dir, "mini.xml");
    writeFileSync(
      xml,
      `<schedule><conference><acronym>mini</acronym><time_zone_name>Europe/Paris</time_zone_name></conference>
<day date="2026-05-04"><room name="A">
<event guid="ok"><date>2026-05-04T10:00:00+02:00</date><duration>00:30</duration><title>Fine</title></event>
<event guid="bad"><date>2026-05-04T10:00:00+02:00</date><duration>soon</duration><title>Broken</title></event>
</room></day></schedule>`,
    );
    const result = await capture([xml, "--out", join(dir, "out.json")]);
    expect(result.code).toBe(0);
    expect(result.out).toContain("1 talk, 0 speakers, 1 skipped");
    expect(result.err).toContain(
      `skipped 1 entry:\n  ${xml}: bad "Broken": unparsable duration "soon"`,
    );
  });

  it("refuses the same file given twice, by path, by link and by content", async () => {
    const dir = tempDir();
    const out = join(dir, "catalog.json");
    const file = c36c3[0] as string;
    const link = join(dir, "link.json");
    symlinkSync(file, link);
    const copy = join(dir, "copy.json");
    copyFileSync(file, copy);
    const refused = async (files: string[]) => {
      const failure = await capture([...files, "--time-zone", "Europe/Berlin", "--out", out]).catch(
        (e: unknown) => e,
      );
      expect(failure).toMatchObject({ name: "UsageError" });
      return (failure as Error).message;
    };
    expect(await refused([file, file])).toBe(`${file} is given twice: import each schedule once`);
    expect(await refused([file, link])).toBe(
      `${link} is given twice (it is the same file as ${file}): import each schedule once`,
    );
    expect(await refused([copy, c36c3[1] as string, file])).toBe(
      `${file} has the same content as ${copy}: import each schedule once`,
    );
    expect(existsSync(out)).toBe(false);
    // Two different releases of the same event are still two files (two events).
    const two = await capture([
      file,
      c36c3[1] as string,
      "--time-zone",
      "Europe/Berlin",
      "--out",
      out,
    ]);
    expect(two.code).toBe(0);
  });

  it("refuses a repeated file in one line through the real command line", async () => {
    const file = c36c3[0] as string;
    const cli = promisify(execFile)("npx", ["tsx", "src/cli.ts", "import", file, file]);
    const failure = (await cli.catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(failure.code).toBe(1);
    expect(failure.stderr).toBe(`${file} is given twice: import each schedule once\n`);
  });

  it("explains bad arguments", () => {
    expect(parseImportArgs(["a.xml", "--time-zone=Europe/Berlin"])).toEqual({
      files: ["a.xml"],
      timeZone: "Europe/Berlin",
      out: "data/imported.json",
    });
    expect(() => parseImportArgs([])).toThrow(/no schedule file given/);
    expect(() => parseImportArgs(["a.xml", "--out"])).toThrow(/--out needs a value/);
    expect(() => parseImportArgs(["a.xml", "--timezone", "X"])).toThrow(
      /unknown option --timezone/,
    );
  });

  it("exits 1 with the message, not a stack trace, through the real command line", async () => {
    const cli = promisify(execFile)("npx", [
      "tsx",
      "src/cli.ts",
      "import",
      c36c3[0] as string,
      "--out",
      join(tempDir(), "x.json"),
    ]);
    const failure = (await cli.catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain("add --time-zone <IANA zone>");
    expect(failure.stderr).not.toMatch(/\n\s+at /);
  });
});
