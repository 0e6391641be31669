import { mkdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import Database from "libsql";
import type { Database as Tables } from "./schema.ts";
import { stateDirFailure } from "./state-dir-error.ts";
import { kyselyStore, type Store } from "./store.ts";
import { StoreError } from "./store-error.ts";

const STORE_FILE = "talkbot.db";

export type StoreLocation =
  | { engine: "sqlite"; stateDir: string }
  /** An SQLite database that lives only as long as the process (terminal rehearsals, tests). */
  | { engine: "sqlite"; memory: true }
  | { engine: "postgres"; url: string };

/**
 * Opens the store and brings its schema up to date. Any failure becomes one
 * StoreError line naming the setting to fix (TALKBOT_STATE_DIR or DATABASE_URL).
 */
export async function openStore(
  location: StoreLocation,
  options: { migrate?: boolean } = {},
): Promise<Store> {
  const store =
    location.engine === "postgres" ? await openPostgres(location.url) : openSqlite(location);
  if (options.migrate !== false) {
    try {
      await store.migrate();
    } catch (err) {
      await store.close().catch(() => {});
      throw storeFailure(location, err, "could not bring the database schema up to date");
    }
  }
  return store;
}

function openSqlite(location: Extract<StoreLocation, { engine: "sqlite" }>): Store {
  let file = ":memory:";
  if ("stateDir" in location) {
    const dir = resolve(location.stateDir);
    try {
      mkdirSync(dir, { recursive: true });
      if (!statSync(dir).isDirectory())
        throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
    } catch (err) {
      throw storeFailure(location, err, `cannot create the state directory ${dir}`);
    }
    file = join(dir, STORE_FILE);
  }
  let db: InstanceType<typeof Database>;
  try {
    db = new Database(file);
    // WAL lets readers and one writer work at once across processes; FULL syncs
    // the log on every commit, so a recorded claim survives a power cut; the busy
    // timeout makes a second process wait for the write lock instead of failing.
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = FULL");
    db.exec("PRAGMA busy_timeout = 5000");
  } catch (err) {
    throw storeFailure(location, err, `cannot open ${file}`);
  }
  const kysely = new Kysely<Tables>({
    dialect: new SqliteDialect({ database: db as unknown as SqliteDatabaseLike }),
  });
  return kyselyStore(kysely, "sqlite", file);
}

type SqliteDatabaseLike = ConstructorParameters<typeof SqliteDialect>[0]["database"] & object;

async function openPostgres(url: string): Promise<Store> {
  // Loaded only here: the embedded default should not pay for a driver it never uses.
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: 5_000,
    max: 5,
    // bigint columns hold epoch milliseconds, well inside a double's exact range.
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === 20
          ? (v: string) => Number(v)
          : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client's connection dropping must not crash the process.
  pool.on("error", () => {});
  const where = redact(url);
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw storeFailure({ engine: "postgres", url }, err, `cannot connect to ${where}`);
  }
  const kysely = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return kyselyStore(kysely, "postgres", where);
}

/** The URL without its password, for logs. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "DATABASE_URL";
  }
}

function storeFailure(location: StoreLocation, err: unknown, what: string): StoreError {
  if (location.engine === "sqlite") {
    const dir = "stateDir" in location ? location.stateDir : ":memory:";
    const known = stateDirFailure(err, dir);
    if (known instanceof StoreError) return known;
  }
  const e = err as { code?: unknown; message?: unknown };
  const detail =
    typeof e?.code === "string" ? e.code : typeof e?.message === "string" ? e.message : String(err);
  if (location.engine === "postgres") {
    return new StoreError(
      "store_unreachable",
      `DATABASE_URL: ${what} (${detail}): check that PostgreSQL is running and the URL's host, port, user, password and database are right`,
      { cause: err },
    );
  }
  return new StoreError(
    "state_dir_unusable",
    `TALKBOT_STATE_DIR: ${what} (${detail}): point TALKBOT_STATE_DIR at a directory talkbot can create and write`,
    { cause: err },
  );
}
