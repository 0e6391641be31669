import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { run } from "../../src/cli/stars.ts";
import { openStore } from "../../src/store/open-store.ts";
import { catalogOf } from "../digest/helpers.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("cli stars", () => {
  it("lists talks by how many starred them, and never who", async () => {
    const dir = mkdtempSync(join(tmpdir(), "talkbot-stars-cli-"));
    const catalogPath = join(dir, "catalog.json");
    const at = (iso: string) => new Date(iso);
    writeFileSync(
      catalogPath,
      JSON.stringify(
        catalogOf(
          "Europe/London",
          ["Architecture"],
          [
            {
              id: "a1",
              track: "Architecture",
              start: at("2020-03-03T10:35:00Z"),
              room: "Fleming",
              title: "Kafka at scale",
            },
            {
              id: "a2",
              track: "Architecture",
              start: at("2020-03-03T11:50:00Z"),
              title: "Small room",
            },
          ],
        ),
      ),
    );
    const store = await openStore({ engine: "sqlite", stateDir: dir });
    for (const u of ["U1", "U2", "U3"]) await store.setStar(u, "a1", true);
    await store.setStar("U1", "a2", true);
    await store.setStar("U4", "a2", true);
    await store.setStar("U4", "a2", false);
    await store.setStar("U9", "vanished", true);
    await store.close();

    const out: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(line));
    const env = { TALKBOT_STATE_DIR: dir };
    expect(await run(["--catalog", catalogPath], env)).toBe(0);
    const text = out.join("\n");
    expect(out[0]).toBe("5 stars on 3 talks; the 3 most starred:");
    expect(out[1]).toMatch(
      /^3 {2}Kafka at scale {2}\(Architecture, Fleming, 2020-03-03T10:35:00\+00:00\)$/,
    );
    expect(out[2]).toMatch(/^1 {2}Small room/);
    expect(out[3]).toBe("1  vanished (no longer in the catalog)");
    expect(text).not.toMatch(/U\d/);

    out.length = 0;
    expect(await run(["--catalog", catalogPath, "--top", "1", "--json"], env)).toBe(0);
    expect(JSON.parse(out.join("\n"))).toEqual([
      expect.objectContaining({ talkId: "a1", count: 3, title: "Kafka at scale" }),
    ]);
    await expect(run(["--top", "0"], env)).rejects.toThrow(/--top: expected a whole number/);
  });
});
