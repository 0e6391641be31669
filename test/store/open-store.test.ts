import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { StoreError } from "../../src/store/store-error.ts";

describe("opening the store fails in one line naming the setting", () => {
  it("DATABASE_URL that nothing answers, without its password", async () => {
    const err = await openStore({
      engine: "postgres",
      url: "postgres://talkbot:s3cret@127.0.0.1:1/talkbot",
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toMatch(
      /^DATABASE_URL: cannot connect to postgres:\/\/talkbot:\*\*\*@127\.0\.0\.1:1\/talkbot \(ECONNREFUSED\): check that PostgreSQL is running/,
    );
    expect((err as Error).message).not.toContain("s3cret");
    expect((err as Error).message).not.toContain("\n");
  });

  it("TALKBOT_STATE_DIR that is a file", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "talkbot-open-")), "state");
    writeFileSync(file, "not a directory");
    const err = await openStore({ engine: "sqlite", stateDir: file }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toMatch(/^TALKBOT_STATE_DIR=.* it is a file, not a directory/);
  });
});
