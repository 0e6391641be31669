import type { Logger } from "../log.ts";
import type { AgendaStore, PersonRow, StarRow } from "../store/agenda-store.ts";

/** Minutes before a starred talk a person may choose to be reminded; 0 is off. */
export const REMIND_CHOICES = [0, 5, 10, 15, 30] as const;
export const DEFAULT_REMIND_MINUTES = 10;

/** A person's reminder choice in words, for every surface. */
export function reminderText(minutes: number): string {
  return minutes > 0
    ? `Reminder by DM ${minutes} min before each starred talk`
    : "Reminders are off";
}

/** How often a replica reads what others wrote, and how far back it looks again. */
const DEFAULT_POLL_MS = 5_000;
const OVERLAP_MS = 10_000;

export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/**
 * Everyone's stars and settings, held in memory so that a card's ☆/★ costs no
 * database round trip on the /talk path. Writes go to the store first, then here;
 * what other replicas wrote arrives by polling the store from a cursor.
 */
export interface Agenda {
  isStarred(userId: string, talkId: string): boolean;
  /** Their starred talk ids, in the order they starred them. */
  starsOf(userId: string): readonly string[];
  /** Who starred `talkId`: for reminders and change DMs, never shown to anyone. */
  starrersOf(talkId: string): ReadonlySet<string>;
  /** Every talk at least one person starred. */
  starredTalks(): Iterable<string>;
  /** Minutes before a talk to remind them; 0 when off. */
  remindMinutes(userId: string): number;
  homeOpened(userId: string): boolean;
  /** Everyone who has opened App Home. */
  homeOpeners(): string[];
  star(userId: string, talkId: string, starred: boolean): Promise<void>;
  setRemindMinutes(userId: string, minutes: number): Promise<void>;
  /** Records that they opened App Home. */
  openedHome(userId: string): Promise<void>;
  /** `listener` hears which people's stars or settings changed (here or in another replica). */
  subscribe(listener: (userIds: ReadonlySet<string>) => void): () => void;
  /** Reads what other replicas wrote since the last look. */
  refresh(): Promise<void>;
  stop(): void;
}

export interface AgendaOptions {
  store: AgendaStore;
  logger: Logger;
  defaultRemindMinutes?: number;
  /** 0: no polling (one process, or tests that call refresh). */
  pollMs?: number;
  timers?: Timers;
}

/** Loads everything once, then keeps up; resolves when the first load is done. */
export async function loadAgenda(options: AgendaOptions): Promise<Agenda> {
  const { store, logger } = options;
  const defaultLead = options.defaultRemindMinutes ?? DEFAULT_REMIND_MINUTES;
  const timers = options.timers ?? globalThis;
  const stars = new Map<string, Set<string>>();
  const starrers = new Map<string, Set<string>>();
  const people = new Map<string, PersonRow>();
  const listeners = new Set<(ids: ReadonlySet<string>) => void>();
  let starCursor = 0;
  let peopleCursor = 0;

  const applyStar = (r: StarRow): boolean => {
    const mine = stars.get(r.userId) ?? new Set<string>();
    if (mine.has(r.talkId) === r.starred) return false;
    const who = starrers.get(r.talkId) ?? new Set<string>();
    if (r.starred) {
      mine.add(r.talkId);
      who.add(r.userId);
    } else {
      mine.delete(r.talkId);
      who.delete(r.userId);
    }
    stars.set(r.userId, mine);
    if (who.size > 0) starrers.set(r.talkId, who);
    else starrers.delete(r.talkId);
    return true;
  };
  const applyPerson = (r: PersonRow): boolean => {
    const before = people.get(r.userId);
    if (before && before.remindMinutes === r.remindMinutes && before.homeOpened === r.homeOpened) {
      return false;
    }
    people.set(r.userId, r);
    return true;
  };
  const tell = (changed: Set<string>) => {
    if (changed.size === 0) return;
    for (const l of listeners) {
      try {
        l(changed);
      } catch (err) {
        logger.error("agenda: a listener failed", err);
      }
    }
  };

  async function refresh(): Promise<void> {
    const changed = new Set<string>();
    const s = await store.starsSince(Math.max(0, starCursor - OVERLAP_MS));
    for (const r of s.rows) if (applyStar(r)) changed.add(r.userId);
    starCursor = s.until;
    const p = await store.peopleSince(Math.max(0, peopleCursor - OVERLAP_MS));
    for (const r of p.rows) if (applyPerson(r)) changed.add(r.userId);
    peopleCursor = p.until;
    tell(changed);
  }

  await refresh();
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  let failing = false;
  const handle =
    pollMs > 0
      ? timers.setInterval(() => {
          refresh().then(
            () => {
              if (failing) logger.info("agenda: the store answers again");
              failing = false;
            },
            (err) => {
              // One line when it starts failing, not one per poll.
              if (!failing) logger.warn("agenda: cannot read stars from the store; retrying", err);
              failing = true;
            },
          );
        }, pollMs)
      : null;
  if (handle && typeof (handle as { unref?: () => void }).unref === "function") {
    (handle as { unref: () => void }).unref();
  }

  const person = (userId: string): PersonRow =>
    people.get(userId) ?? { userId, remindMinutes: null, homeOpened: false };

  return {
    isStarred: (userId, talkId) => stars.get(userId)?.has(talkId) ?? false,
    starsOf: (userId) => [...(stars.get(userId) ?? [])],
    starrersOf: (talkId) => starrers.get(talkId) ?? new Set(),
    starredTalks: () => starrers.keys(),
    remindMinutes: (userId) => person(userId).remindMinutes ?? defaultLead,
    homeOpened: (userId) => person(userId).homeOpened,
    homeOpeners: () => [...people.values()].filter((p) => p.homeOpened).map((p) => p.userId),
    async star(userId, talkId, starred) {
      await store.setStar(userId, talkId, starred);
      if (applyStar({ userId, talkId, starred })) tell(new Set([userId]));
    },
    async setRemindMinutes(userId, minutes) {
      await store.setRemindMinutes(userId, minutes);
      if (applyPerson({ ...person(userId), remindMinutes: minutes })) tell(new Set([userId]));
    },
    async openedHome(userId) {
      if (person(userId).homeOpened) return;
      await store.markHomeOpened(userId);
      applyPerson({ ...person(userId), homeOpened: true });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh,
    stop() {
      if (handle) timers.clearInterval(handle);
    },
  };
}
