import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateCatalog } from "../../bench/generate-catalog.ts";
import { CatalogError } from "../../src/catalog/catalog-error.ts";
import { catalogDigest } from "../../src/catalog/catalog-store.ts";
import { loadCatalogFile } from "../../src/catalog/load.ts";
import { readCatalogInWorker } from "../../src/catalog/read-in-worker.ts";

const dir = mkdtempSync(join(tmpdir(), "talkbot-read-worker-"));
const seedFile = new URL("../../data/catalog.json", import.meta.url).pathname;

describe("readCatalogInWorker", () => {
  it("gives the catalog and digest the main thread's loader gives, in the same key order", async () => {
    // More talks than one message carries, so the pieces are put back together.
    const file = join(dir, "generated.json");
    writeFileSync(file, JSON.stringify(generateCatalog({ talks: 1_200 })));
    for (const path of [seedFile, file]) {
      const expected = loadCatalogFile(path);
      const read = await readCatalogInWorker(path, "no digest yet");
      if (read === "unchanged") throw new Error("expected a catalog");
      expect(JSON.stringify(read.catalog)).toBe(JSON.stringify(expected));
      expect(read.digest).toBe(catalogDigest(expected));
      expect(catalogDigest(read.catalog)).toBe(read.digest);
    }
  });

  it("says a file is unchanged when it has the running catalog's digest", async () => {
    const digest = catalogDigest(loadCatalogFile(seedFile));
    expect(await readCatalogInWorker(seedFile, digest)).toBe("unchanged");
  });

  it("refuses a bad file with the CatalogError the loader throws", async () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ events: [], tracks: [], talks: [{ id: 1 }] }));
    let expected: unknown;
    try {
      loadCatalogFile(file);
    } catch (err) {
      expected = err;
    }
    const refusal = await readCatalogInWorker(file, "").catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(CatalogError);
    expect((refusal as CatalogError).message).toBe((expected as CatalogError).message);
    const missing = await readCatalogInWorker(join(dir, "gone.json"), "").catch((e) => e);
    expect((missing as Error).message).toMatch(
      /gone\.json: catalog refused .*\n.*cannot read the file/,
    );
  });
});
