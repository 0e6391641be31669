import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/store.ts";

/**
 * The engines a store test runs on: SQLite always; PostgreSQL when
 * TALKBOT_TEST_DATABASE_URL names a server (CI starts one with .ci/postgres). Under
 * CI a missing URL is an error, so the PostgreSQL half can never be skipped quietly.
 */
export const postgresUrl = process.env.TALKBOT_TEST_DATABASE_URL?.trim() || undefined;

if (!postgresUrl) {
  if (process.env.CI) {
    throw new Error("CI: TALKBOT_TEST_DATABASE_URL is not set, so the PostgreSQL tests cannot run");
  }
  console.warn(
    'store tests: PostgreSQL skipped (set TALKBOT_TEST_DATABASE_URL, e.g. from `eval "$(.ci/postgres start)"`)',
  );
}

export interface TestEngine {
  name: "sqlite" | "postgres";
  /**
   * A new, empty database of this engine; every call in one test returns a handle
   * on the same database, as separate processes would have.
   */
  fresh(): Promise<{ open(): Promise<Store>; location: StoreUrl; drop(): Promise<void> }>;
}

/** What a child process needs to open the same database: a state dir or a URL. */
export type StoreUrl = { TALKBOT_STATE_DIR: string } | { DATABASE_URL: string };

const sqlite: TestEngine = {
  name: "sqlite",
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), "talkbot-store-"));
    return {
      location: { TALKBOT_STATE_DIR: dir },
      open: () => openStore({ engine: "sqlite", stateDir: dir }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

const postgres: TestEngine = {
  name: "postgres",
  async fresh() {
    const base = postgresUrl as string;
    const name = `talkbot_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    await admin(base, `CREATE DATABASE ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    return {
      location: { DATABASE_URL: url.toString() },
      open: () => openStore({ engine: "postgres", url: url.toString() }),
      drop: () => admin(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  },
};

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export const testEngines: TestEngine[] = postgresUrl ? [sqlite, postgres] : [sqlite];

/**
 * For a store test: `two()` opens a fresh database of `engine` on two connections
 * (as two processes would have it), `later(fn)` registers more clean-up; all of
 * it runs after each test, last registered first.
 */
export function storeHarness(engine: TestEngine): {
  two(): Promise<[Store, Store]>;
  later(cleanup: () => Promise<void>): void;
} {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  return {
    later: (cleanup) => void cleanups.push(cleanup),
    async two() {
      const db = await engine.fresh();
      const a = await db.open();
      const b = await db.open();
      cleanups.push(
        db.drop,
        () => a.close(),
        () => b.close(),
      );
      return [a, b];
    },
  };
}

/** `storeHarness(engine).two`, for tests that need nothing else. */
export function twoConnections(engine: TestEngine): () => Promise<[Store, Store]> {
  return storeHarness(engine).two;
}
