import type { Generated } from "kysely";

/**
 * The tables every durable fact lives in, as Kysely sees them. Both engines store
 * the same columns: instants as milliseconds since the epoch (bigint), flags as 0/1,
 * so one set of queries runs unchanged on SQLite and PostgreSQL.
 */
export interface Database {
  deliveries: DeliveriesTable;
  seen: SeenTable;
  track_identities: TrackIdentitiesTable;
  stars: StarsTable;
  people: PeopleTable;
  schedule_releases: ScheduleReleasesTable;
  schedule_applied: ScheduleAppliedTable;
}

/**
 * One row per message talkbot means to post exactly once (digests now; reminders
 * and change notices later). The key names what the message announces.
 */
export interface DeliveriesTable {
  key: string;
  /** "digest", later "reminder", "notice", "correction". */
  kind: string;
  /** "claimed" while a holder works on it; "posted" | "missed" | "failed" once settled. */
  status: string;
  /** Which process holds the claim (host, pid and a random part). */
  holder: string | null;
  /** The claim is the holder's until then (database clock, ms); after it, anyone's. */
  lease_until: number;
  /** 1 from the moment a post was sent until Slack's answer was recorded: outcome unknown. */
  in_doubt: number;
  /** When the first uncertain post went out (database clock, ms): the history window. */
  posting_since: number | null;
  claims: number;
  channel: string | null;
  ts: string | null;
  /** Why it was missed or failed; empty when posted. */
  detail: string | null;
  /** What the message showed (JSON), for corrections and re-timing. */
  payload: string | null;
  /** When it was settled, on the bot's clock (simulated in rehearsals), ISO. */
  settled_at: string | null;
  created_at: number;
}

/** Ids seen once (Slack event ids, request signatures), forgotten after `expires_at`. */
export interface SeenTable {
  scope: string;
  id: string;
  expires_at: number;
}

/**
 * The identity a track's digests are keyed by. It starts as the track's id and is
 * inherited by a renamed track (same talks, new id), so a rename re-announces nothing.
 */
export interface TrackIdentitiesTable {
  event_id: string;
  track_id: string;
  identity: string;
  /** The track's talks as last seen, JSON array of talk ids. */
  talk_ids: string;
  updated_at: Generated<number>;
}

/** One person's star on one talk; `starred` 0 once removed (kept so replicas hear of it). */
export interface StarsTable {
  user_id: string;
  talk_id: string;
  starred: number;
  /** Database clock, ms: what replicas sync by. */
  changed_at: number;
}

/** A person's own settings. Private: only they see them; organizers see counts. */
export interface PeopleTable {
  user_id: string;
  /** Minutes before a starred talk to DM them; null = the default; 0 = off. */
  remind_minutes: number | null;
  /** 1 once they opened App Home: only then is it republished on changes. */
  home_opened: number;
  /** The secret in their calendar feed's URL; null until asked for, new on reset. */
  calendar_token: string | null;
  changed_at: number;
}

/**
 * The last applied release of each schedule source (TALKBOT_SCHEDULE_URL), served
 * again after a restart, and the one before it, which the last one was diffed against.
 */
export interface ScheduleReleasesTable {
  /** The source's URL or absolute path (ScheduleSource.key). */
  source_key: string;
  release_id: string;
  /** The source's text as imported (a 50 MB export is one row). */
  body: string;
  etag: string | null;
  last_modified: string | null;
  /** The release saved before this one, and its text; null until a second release. */
  previous_release_id: string | null;
  previous_body: string | null;
  /** Database clock, ms. */
  saved_at: number;
}

/** Which release was last applied from a set of sources: what a restart has announced. */
export interface ScheduleAppliedTable {
  /** sourceSetKey(the sources in order). */
  source_set: string;
  release_id: string;
  previous_release_id: string | null;
  /** On the bot's clock (simulated in rehearsals), ISO. */
  applied_at: string;
  /** Database clock, ms. */
  updated_at: number;
  /** How many releases were applied from these sources so far, this one included. */
  sequence: number;
}
