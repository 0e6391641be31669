import { randomBytes } from "node:crypto";

/** base64url of at least 16 random bytes (128 bits); newCalendarToken makes 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{22,64}$/;

/** A new personal feed token: 256 random bits, base64url (safe in a path as it is). */
export function newCalendarToken(): string {
  return randomBytes(32).toString("base64url");
}

export function isCalendarToken(text: string): boolean {
  return TOKEN.test(text);
}

/** `<publicUrl>/calendar/<token>.ics`: the personal subscription address. */
export function calendarUrl(publicUrl: string, token: string): string {
  return `${base(publicUrl)}/calendar/${token}.ics`;
}

/** `<publicUrl>/calendar/talk/<talk id>.ics`: one talk, no token (talk ids are public). */
export function talkCalendarUrl(publicUrl: string, talkId: string): string {
  return `${base(publicUrl)}/calendar/talk/${encodeURIComponent(talkId)}.ics`;
}

function base(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, "");
}

export type CalendarPath = { kind: "agenda"; token: string } | { kind: "talk"; talkId: string };

/**
 * What a request path (`req.url`, query allowed) asks for, or null for anything
 * else, a malformed %-escape included. A talk id's `/` may arrive as `%2F` or
 * decoded by a client: both name the same talk.
 */
export function parseCalendarPath(url: string): CalendarPath | null {
  const path = url.split(/[?#]/, 1)[0] ?? "";
  const talk = /^\/calendar\/talk\/(.+)\.ics$/.exec(path);
  if (talk) {
    const talkId = decoded(talk[1] as string);
    return talkId ? { kind: "talk", talkId } : null;
  }
  const agenda = /^\/calendar\/([^/]+)\.ics$/.exec(path);
  if (agenda && isCalendarToken(agenda[1] as string)) {
    return { kind: "agenda", token: agenda[1] as string };
  }
  return null;
}

function decoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
