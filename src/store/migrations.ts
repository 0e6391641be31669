import { type Kysely, type Migration, type MigrationProvider, sql } from "kysely";

/**
 * The schema's versions, applied in name order at start-up and by `cli db migrate`.
 * A released migration is never edited: a change is a new entry. Types are the
 * portable subset both engines share (text, integer, bigint).
 */
const migrations: Record<string, Migration> = {
  "0001_deliveries": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("deliveries")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("holder", "text")
        .addColumn("lease_until", "bigint", (c) => c.notNull())
        .addColumn("in_doubt", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("posting_since", "bigint")
        .addColumn("claims", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("channel", "text")
        .addColumn("ts", "text")
        .addColumn("detail", "text")
        .addColumn("payload", "text")
        .addColumn("settled_at", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("deliveries_channel_ts")
        .on("deliveries")
        .columns(["channel", "ts"])
        .execute();
      await db.schema
        .createTable("seen")
        .addColumn("scope", "text", (c) => c.notNull())
        .addColumn("id", "text", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("seen_pk", ["scope", "id"])
        .execute();
      await db.schema.createIndex("seen_expires").on("seen").column("expires_at").execute();
      await db.schema
        .createTable("track_identities")
        .addColumn("event_id", "text", (c) => c.notNull())
        .addColumn("track_id", "text", (c) => c.notNull())
        .addColumn("identity", "text", (c) => c.notNull())
        .addColumn("talk_ids", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull().defaultTo(sql`0`))
        .addPrimaryKeyConstraint("track_identities_pk", ["event_id", "track_id"])
        .execute();
    },
  },
  // The personal agenda (#14). Unstarring keeps the row (starred = 0) so replicas
  // that sync by changed_at also hear of removals.
  "0002_agenda": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("stars")
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("talk_id", "text", (c) => c.notNull())
        .addColumn("starred", "integer", (c) => c.notNull())
        .addColumn("changed_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("stars_pk", ["user_id", "talk_id"])
        .execute();
      await db.schema.createIndex("stars_changed").on("stars").column("changed_at").execute();
      await db.schema
        .createTable("people")
        .addColumn("user_id", "text", (c) => c.primaryKey())
        .addColumn("remind_minutes", "integer")
        .addColumn("home_opened", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("calendar_token", "text", (c) => c.unique())
        .addColumn("changed_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("people_changed").on("people").column("changed_at").execute();
    },
  },
  // A live schedule (#15): the last applied release of each source, the one
  // before it, and which release a set of sources last applied.
  "0003_schedule_releases": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("schedule_releases")
        .addColumn("source_key", "text", (c) => c.primaryKey())
        .addColumn("release_id", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("etag", "text")
        .addColumn("last_modified", "text")
        .addColumn("previous_release_id", "text")
        .addColumn("previous_body", "text")
        .addColumn("saved_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("schedule_applied")
        .addColumn("source_set", "text", (c) => c.primaryKey())
        .addColumn("release_id", "text", (c) => c.notNull())
        .addColumn("previous_release_id", "text")
        .addColumn("applied_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
    },
  },
  // Which application of a release this is: a schedule going A, B, A, B tells
  // the second A→B as it told the first (keys from release ids alone would match).
  "0004_release_sequence": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable("schedule_applied")
        .addColumn("sequence", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
