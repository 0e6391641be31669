import type { Kysely, RawBuilder } from "kysely";
import { sql } from "kysely";
import type { AppliedReleases, ReleaseArchive } from "../schedule/archive.ts";
import type { Database } from "./schema.ts";

/** The schedule's releases (#15): what the poller archives and what a restart announced. */
export interface ReleaseStore extends ReleaseArchive, AppliedReleases {}

export function releaseQueries(db: Kysely<Database>, nowMs: RawBuilder<number>): ReleaseStore {
  return {
    async lastRelease(sourceKey) {
      // Only the current text: the previous one is read when asked for.
      const row = await db
        .selectFrom("schedule_releases")
        .select(["release_id", "body", "etag", "last_modified"])
        .where("source_key", "=", sourceKey)
        .executeTakeFirst();
      if (!row) return null;
      return {
        releaseId: row.release_id,
        body: row.body,
        ...(row.etag !== null ? { etag: row.etag } : {}),
        ...(row.last_modified !== null ? { lastModified: row.last_modified } : {}),
      };
    },

    async saveRelease(sourceKey, rec) {
      // One statement: the row it replaces becomes the previous release, copied by
      // the database (a 50 MB body is not sent twice). Saving the same release
      // again keeps the previous one as it was.
      const same = sql<boolean>`schedule_releases.release_id = excluded.release_id`;
      const keptOr = (column: "release_id" | "body") =>
        sql<
          string | null
        >`case when ${same} then ${sql.ref(`schedule_releases.previous_${column}`)} else ${sql.ref(`schedule_releases.${column}`)} end`;
      await db
        .insertInto("schedule_releases")
        .values({
          source_key: sourceKey,
          release_id: rec.releaseId,
          body: rec.body,
          etag: rec.etag ?? null,
          last_modified: rec.lastModified ?? null,
          previous_release_id: null,
          previous_body: null,
          saved_at: nowMs,
        })
        .onConflict((oc) =>
          oc.column("source_key").doUpdateSet({
            previous_release_id: keptOr("release_id"),
            previous_body: keptOr("body"),
            release_id: (eb) => eb.ref("excluded.release_id"),
            body: (eb) => eb.ref("excluded.body"),
            etag: (eb) => eb.ref("excluded.etag"),
            last_modified: (eb) => eb.ref("excluded.last_modified"),
            saved_at: (eb) => eb.ref("excluded.saved_at"),
          }),
        )
        .execute();
    },

    async previousRelease(sourceKey) {
      const row = await db
        .selectFrom("schedule_releases")
        .select(["previous_release_id", "previous_body"])
        .where("source_key", "=", sourceKey)
        .executeTakeFirst();
      if (!row || row.previous_release_id === null || row.previous_body === null) return null;
      return { releaseId: row.previous_release_id, body: row.previous_body };
    },

    async appliedRelease(sourceSet) {
      const row = await db
        .selectFrom("schedule_applied")
        .select(["release_id", "previous_release_id", "applied_at", "sequence"])
        .where("source_set", "=", sourceSet)
        .executeTakeFirst();
      if (!row) return null;
      return {
        releaseId: row.release_id,
        previousReleaseId: row.previous_release_id,
        appliedAt: row.applied_at,
        sequence: Number(row.sequence),
      };
    },

    async markReleaseApplied(sourceSet, rec) {
      await db
        .insertInto("schedule_applied")
        .values({
          source_set: sourceSet,
          release_id: rec.releaseId,
          previous_release_id: rec.previousReleaseId,
          applied_at: rec.appliedAt,
          updated_at: nowMs,
          sequence: rec.sequence,
        })
        .onConflict((oc) =>
          oc.column("source_set").doUpdateSet((eb) => ({
            release_id: eb.ref("excluded.release_id"),
            previous_release_id: eb.ref("excluded.previous_release_id"),
            applied_at: eb.ref("excluded.applied_at"),
            updated_at: eb.ref("excluded.updated_at"),
            sequence: eb.ref("excluded.sequence"),
          })),
        )
        .execute();
    },
  };
}
