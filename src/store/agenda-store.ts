import type { Kysely, RawBuilder } from "kysely";
import { sql } from "kysely";
import type { Database } from "./schema.ts";

export interface StarRow {
  userId: string;
  talkId: string;
  starred: boolean;
}

export interface PersonRow {
  userId: string;
  /** null: the default lead; 0: reminders off. */
  remindMinutes: number | null;
  homeOpened: boolean;
}

/** What changed at or after a cursor, and the cursor to ask from next time. */
export interface Changes<T> {
  rows: T[];
  /** The database clock when asked (ms). */
  until: number;
}

/**
 * A person's stars and settings. Rows are state, not events, so reading a range
 * twice is harmless: replicas poll with an overlap and apply what they get.
 */
export interface AgendaStore {
  setStar(userId: string, talkId: string, starred: boolean): Promise<void>;
  starsSince(sinceMs: number): Promise<Changes<StarRow>>;
  peopleSince(sinceMs: number): Promise<Changes<PersonRow>>;
  setRemindMinutes(userId: string, minutes: number | null): Promise<void>;
  /** Marks that they opened App Home; true the first time. */
  markHomeOpened(userId: string): Promise<boolean>;
  /** Their calendar token, made with `fresh` the first time. */
  calendarToken(userId: string, fresh: () => string): Promise<string>;
  /** A new token: the old URL stops working. */
  resetCalendarToken(userId: string, fresh: () => string): Promise<string>;
  userForToken(token: string): Promise<string | null>;
  /** Talks by how many people starred them, most first: counts only, never who. */
  starCounts(): Promise<{ talkId: string; count: number }[]>;
}

export function agendaQueries(db: Kysely<Database>, nowMs: RawBuilder<number>): AgendaStore {
  const clockNow = async () =>
    Number((await sql<{ now: number }>`select ${nowMs} as now`.execute(db)).rows[0]?.now ?? 0);

  /** Creates their row if needed, then sets `values`. */
  const upsertPerson = (
    userId: string,
    values: { remind_minutes?: number | null; home_opened?: number; calendar_token?: string },
  ) =>
    db
      .insertInto("people")
      .values({ user_id: userId, home_opened: 0, ...values, changed_at: nowMs })
      .onConflict((oc) => oc.column("user_id").doUpdateSet({ ...values, changed_at: nowMs }));

  return {
    async setStar(userId, talkId, starred) {
      await db
        .insertInto("stars")
        .values({ user_id: userId, talk_id: talkId, starred: starred ? 1 : 0, changed_at: nowMs })
        .onConflict((oc) =>
          oc
            .columns(["user_id", "talk_id"])
            .doUpdateSet({ starred: starred ? 1 : 0, changed_at: nowMs }),
        )
        .execute();
    },

    async starsSince(sinceMs) {
      const until = await clockNow();
      const rows = await db
        .selectFrom("stars")
        .select(["user_id", "talk_id", "starred"])
        .where("changed_at", ">=", sinceMs)
        .execute();
      return {
        until,
        rows: rows.map((r) => ({
          userId: r.user_id,
          talkId: r.talk_id,
          starred: Number(r.starred) === 1,
        })),
      };
    },

    async peopleSince(sinceMs) {
      const until = await clockNow();
      const rows = await db
        .selectFrom("people")
        .select(["user_id", "remind_minutes", "home_opened"])
        .where("changed_at", ">=", sinceMs)
        .execute();
      return {
        until,
        rows: rows.map((r) => ({
          userId: r.user_id,
          remindMinutes: r.remind_minutes === null ? null : Number(r.remind_minutes),
          homeOpened: Number(r.home_opened) === 1,
        })),
      };
    },

    async setRemindMinutes(userId, minutes) {
      await upsertPerson(userId, { remind_minutes: minutes }).execute();
    },

    async markHomeOpened(userId) {
      // Only a row that was not opened before is written: the answer says "first time".
      const res = await db
        .insertInto("people")
        .values({ user_id: userId, home_opened: 1, changed_at: nowMs })
        .onConflict((oc) =>
          oc
            .column("user_id")
            .doUpdateSet({ home_opened: 1, changed_at: nowMs })
            .where("people.home_opened", "=", 0),
        )
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async calendarToken(userId, fresh) {
      const row = await db
        .selectFrom("people")
        .select("calendar_token")
        .where("user_id", "=", userId)
        .executeTakeFirst();
      if (row?.calendar_token) return row.calendar_token;
      // Two racing first requests: only one token may win, and both must answer it.
      await db
        .insertInto("people")
        .values({ user_id: userId, home_opened: 0, calendar_token: fresh(), changed_at: nowMs })
        .onConflict((oc) =>
          oc
            .column("user_id")
            .doUpdateSet((eb) => ({ calendar_token: eb.ref("excluded.calendar_token") }))
            .where("people.calendar_token", "is", null),
        )
        .execute();
      const after = await db
        .selectFrom("people")
        .select("calendar_token")
        .where("user_id", "=", userId)
        .executeTakeFirstOrThrow();
      return after.calendar_token as string;
    },

    async resetCalendarToken(userId, fresh) {
      const token = fresh();
      await upsertPerson(userId, { calendar_token: token }).execute();
      return token;
    },

    async userForToken(token) {
      const row = await db
        .selectFrom("people")
        .select("user_id")
        .where("calendar_token", "=", token)
        .executeTakeFirst();
      return row?.user_id ?? null;
    },

    async starCounts() {
      const rows = await db
        .selectFrom("stars")
        .select(["talk_id", (eb) => eb.fn.countAll<number>().as("n")])
        .where("starred", "=", 1)
        .groupBy("talk_id")
        .orderBy("n", "desc")
        .orderBy("talk_id")
        .execute();
      return rows.map((r) => ({ talkId: r.talk_id, count: Number(r.n) }));
    },
  };
}
