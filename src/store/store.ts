import { type Kysely, Migrator, type RawBuilder, sql } from "kysely";
import { type AgendaStore, agendaQueries } from "./agenda-store.ts";
import { migrationProvider } from "./migrations.ts";
import { type ReleaseStore, releaseQueries } from "./release-store.ts";
import type { Database } from "./schema.ts";

export type Engine = "sqlite" | "postgres";

/** A claim won: post only while holding it, and look in history first when in doubt. */
export interface Claim {
  key: string;
  /** A post for this key went out earlier and its outcome was never recorded. */
  inDoubt: boolean;
  /** Database-clock ms when that uncertain post went out (the history window's start). */
  postingSince: number | null;
}

export type Outcome =
  | { status: "posted"; channel: string; ts: string; payload?: string }
  | { status: "missed" | "failed"; detail: string; channel?: string };

export interface DeliveryRecord {
  key: string;
  kind: string;
  status: "claimed" | "posted" | "missed" | "failed";
  channel: string | null;
  ts: string | null;
  detail: string | null;
  payload: string | null;
  settledAt: string | null;
}

export interface MigrationState {
  name: string;
  executedAt: Date | undefined;
}

/**
 * Every durable fact talkbot keeps goes through this interface, on SQLite or on
 * PostgreSQL. Claims and leases are timed by the database's clock, so replicas with
 * skewed clocks still agree on who holds what.
 */
export interface Store extends AgendaStore, ReleaseStore {
  readonly engine: Engine;
  /** Where it lives, for logs: a file path or a URL without its password. */
  readonly where: string;
  /**
   * Takes `key` for `holder` until `leaseMs` from now: a new key, a claim whose lease
   * has expired, or one this holder already has. Null when it is settled or another
   * live holder has it. One statement, so two racers cannot both win.
   */
  claim(key: string, kind: string, holder: string, leaseMs: number): Promise<Claim | null>;
  /**
   * About to send: marks the outcome unknown and renews the lease. False when the
   * claim was lost (lease expired and taken over): then do not post.
   */
  beginPost(key: string, holder: string, leaseMs: number): Promise<boolean>;
  /** Slack answered that it did not post: the outcome is known again. */
  endDoubt(key: string, holder: string): Promise<void>;
  /** Records the outcome; false when this holder no longer had the claim. */
  settle(key: string, holder: string, outcome: Outcome, at: Date): Promise<boolean>;
  /** Which of `keys` are settled (posted, missed or failed). */
  settledAmong(keys: readonly string[]): Promise<Set<string>>;
  delivery(key: string): Promise<DeliveryRecord | undefined>;
  deliveries(kind?: string): Promise<DeliveryRecord[]>;
  /**
   * True the first time `id` is seen in `scope` within `ttlMs` (Slack event ids,
   * request signatures); false for a repeat, in this process or another.
   */
  firstSeen(scope: string, id: string, ttlMs: number): Promise<boolean>;
  /** The stored identities of the tracks of `eventId` (track id → identity, talk ids). */
  trackIdentities(eventId: string): Promise<Map<string, { identity: string; talkIds: string[] }>>;
  saveTrackIdentities(
    eventId: string,
    rows: readonly { trackId: string; identity: string; talkIds: string[] }[],
  ): Promise<void>;
  /** Imports settled records once (an older ledger); keys already present are kept. */
  importSettled(
    rows: readonly { key: string; kind: string; outcome: Outcome; at: string }[],
  ): Promise<number>;
  migrate(): Promise<MigrationState[]>;
  migrations(): Promise<MigrationState[]>;
  close(): Promise<void>;
}

/** The one query layer over both engines; only "now" is spelled per engine. */
export function kyselyStore(db: Kysely<Database>, engine: Engine, where: string): Store {
  const nowMs: RawBuilder<number> =
    engine === "postgres"
      ? sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`
      : sql<number>`cast(unixepoch('subsec') * 1000 as integer)`;
  const plus = (ms: number): RawBuilder<number> => sql<number>`(${nowMs} + ${ms})`;
  const migrator = new Migrator({ db, provider: migrationProvider });

  const held = (key: string, holder: string) =>
    db
      .updateTable("deliveries")
      .where("key", "=", key)
      .where("holder", "=", holder)
      .where("status", "=", "claimed");

  return {
    engine,
    where,
    ...agendaQueries(db, nowMs),
    ...releaseQueries(db, nowMs),

    async claim(key, kind, holder, leaseMs) {
      const row = await db
        .insertInto("deliveries")
        .values({
          key,
          kind,
          status: "claimed",
          holder,
          lease_until: plus(leaseMs),
          in_doubt: 0,
          claims: 1,
          created_at: nowMs,
        })
        .onConflict((oc) =>
          oc
            .column("key")
            .doUpdateSet((eb) => ({
              holder: eb.ref("excluded.holder"),
              lease_until: eb.ref("excluded.lease_until"),
              claims: sql<number>`deliveries.claims + 1`,
            }))
            .where("deliveries.status", "=", "claimed")
            .where((eb) =>
              eb.or([
                eb("deliveries.lease_until", "<", nowMs),
                eb("deliveries.holder", "=", holder),
              ]),
            ),
        )
        .returning(["key", "in_doubt", "posting_since"])
        .executeTakeFirst();
      if (!row) return null;
      return {
        key: row.key,
        inDoubt: Number(row.in_doubt) === 1,
        postingSince: row.posting_since === null ? null : Number(row.posting_since),
      };
    },

    async beginPost(key, holder, leaseMs) {
      const res = await held(key, holder)
        .set({
          in_doubt: 1,
          lease_until: plus(leaseMs),
          posting_since: sql<number>`coalesce(posting_since, ${nowMs})`,
        })
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    async endDoubt(key, holder) {
      await held(key, holder).set({ in_doubt: 0, posting_since: null }).execute();
    },

    async settle(key, holder, outcome, at) {
      const res = await held(key, holder)
        .set({
          status: outcome.status,
          in_doubt: 0,
          channel: outcome.channel ?? null,
          ts: outcome.status === "posted" ? outcome.ts : null,
          detail: outcome.status === "posted" ? null : outcome.detail,
          payload: outcome.status === "posted" ? (outcome.payload ?? null) : null,
          settled_at: at.toISOString(),
        })
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    async settledAmong(keys) {
      const out = new Set<string>();
      // Chunked: SQLite allows a bounded number of parameters per statement.
      for (let i = 0; i < keys.length; i += 500) {
        const rows = await db
          .selectFrom("deliveries")
          .select("key")
          .where("key", "in", keys.slice(i, i + 500))
          .where("status", "<>", "claimed")
          .execute();
        for (const r of rows) out.add(r.key);
      }
      return out;
    },

    async delivery(key) {
      const row = await db
        .selectFrom("deliveries")
        .selectAll()
        .where("key", "=", key)
        .executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },

    async deliveries(kind) {
      let q = db.selectFrom("deliveries").selectAll().orderBy("key");
      if (kind) q = q.where("kind", "=", kind);
      return (await q.execute()).map(toRecord);
    },

    async firstSeen(scope, id, ttlMs) {
      const row = await db
        .insertInto("seen")
        .values({ scope, id, expires_at: plus(ttlMs) })
        .onConflict((oc) =>
          oc
            .columns(["scope", "id"])
            .doUpdateSet((eb) => ({ expires_at: eb.ref("excluded.expires_at") }))
            .where("seen.expires_at", "<", nowMs),
        )
        .returning("id")
        .executeTakeFirst();
      // Forget the long-expired now and then, so the table stays small.
      if (row && Math.random() < 0.01) {
        await db.deleteFrom("seen").where("expires_at", "<", nowMs).execute();
      }
      return row !== undefined;
    },

    async trackIdentities(eventId) {
      const rows = await db
        .selectFrom("track_identities")
        .select(["track_id", "identity", "talk_ids"])
        .where("event_id", "=", eventId)
        .execute();
      return new Map(
        rows.map((r) => [
          r.track_id,
          { identity: r.identity, talkIds: JSON.parse(r.talk_ids) as string[] },
        ]),
      );
    },

    async saveTrackIdentities(eventId, rows) {
      if (rows.length === 0) return;
      await db.transaction().execute(async (tx) => {
        for (let i = 0; i < rows.length; i += 200) {
          await tx
            .insertInto("track_identities")
            .values(
              rows.slice(i, i + 200).map((r) => ({
                event_id: eventId,
                track_id: r.trackId,
                identity: r.identity,
                talk_ids: JSON.stringify(r.talkIds),
                updated_at: nowMs,
              })),
            )
            .onConflict((oc) =>
              oc.columns(["event_id", "track_id"]).doUpdateSet((eb) => ({
                identity: eb.ref("excluded.identity"),
                talk_ids: eb.ref("excluded.talk_ids"),
                updated_at: eb.ref("excluded.updated_at"),
              })),
            )
            .execute();
        }
      });
    },

    async importSettled(rows) {
      let added = 0;
      await db.transaction().execute(async (tx) => {
        for (const r of rows) {
          const res = await tx
            .insertInto("deliveries")
            .values({
              key: r.key,
              kind: r.kind,
              status: r.outcome.status,
              lease_until: 0,
              in_doubt: 0,
              claims: 0,
              channel: r.outcome.channel ?? null,
              ts: r.outcome.status === "posted" ? r.outcome.ts : null,
              detail: r.outcome.status === "posted" ? null : r.outcome.detail,
              settled_at: r.at,
              created_at: nowMs,
            })
            .onConflict((oc) => oc.column("key").doNothing())
            .executeTakeFirst();
          added += Number(res.numInsertedOrUpdatedRows ?? 0);
        }
      });
      return added;
    },

    async migrate() {
      const { error } = await migrator.migrateToLatest();
      if (error) throw error;
      return this.migrations();
    },

    async migrations() {
      return (await migrator.getMigrations()).map((m) => ({
        name: m.name,
        executedAt: m.executedAt,
      }));
    },

    close: () => db.destroy(),
  };
}

function toRecord(row: {
  key: string;
  kind: string;
  status: string;
  channel: string | null;
  ts: string | null;
  detail: string | null;
  payload: string | null;
  settled_at: string | null;
}): DeliveryRecord {
  return {
    key: row.key,
    kind: row.kind,
    status: row.status as DeliveryRecord["status"],
    channel: row.channel,
    ts: row.ts,
    detail: row.detail,
    payload: row.payload,
    settledAt: row.settled_at,
  };
}
