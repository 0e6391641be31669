import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CustomRoute } from "@slack/bolt";
import type { Clock } from "../clock.ts";
import type { Logger } from "../log.ts";
import { parseCalendarPath } from "./calendar-url.ts";
import { agendaCalendar, type CalendarSource, talkCalendar } from "./ics.ts";

export { calendarUrl, newCalendarToken, talkCalendarUrl } from "./calendar-url.ts";

export interface CalendarDeps {
  /** The catalog in force, read per request (throws while none is loaded). */
  current(): CalendarSource;
  /** Whose feed `token` is; null for a token never issued or since revoked. */
  userForToken(token: string): Promise<string | null>;
  /** The person's starred talk ids (from memory). */
  starsOf(userId: string): readonly string[];
  clock: Clock;
  logger: Logger;
}

export type CalendarHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Answers everything under `/calendar/`: `GET|HEAD /calendar/<token>.ics` (a
 * person's starred talks) and `/calendar/talk/<talk id>.ics` (one talk). Every
 * path, token or talk it cannot serve gets the same 404, so an answer never tells
 * a revoked token from one never issued; tokens are never logged. Never rejects.
 */
export function calendarHandler(deps: CalendarDeps): CalendarHandler {
  return async (req, res) => {
    try {
      await answer(deps, req, res);
    } catch (err) {
      deps.logger.error("calendar feed: unexpected error", errorText(err));
      if (!res.headersSent) plain(res, 500, "Internal error");
      else res.destroy();
    }
  };
}

/**
 * The handler as Bolt custom routes (HTTP mode: the server of `/slack/events`).
 * The route takes every method under `/calendar`, so Bolt never logs one of these
 * paths (with its token) as an unhandled request.
 */
export function calendarRoutes(deps: CalendarDeps): CustomRoute[] {
  const handler = calendarHandler(deps);
  return [
    {
      path: "/calendar{/*rest}",
      method: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
      handler: (req, res) => void handler(req, res),
    },
  ];
}

async function answer(deps: CalendarDeps, req: IncomingMessage, res: ServerResponse) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("allow", "GET, HEAD");
    return plain(res, 405, "Method not allowed");
  }
  const asked = parseCalendarPath(req.url ?? "");
  if (!asked) return notFound(res);

  let body: string | null;
  if (asked.kind === "agenda") {
    let user: string | null;
    try {
      user = await deps.userForToken(asked.token);
    } catch (err) {
      // Not a 404: a calendar app may drop a subscription that answers 404.
      deps.logger.error(
        "calendar feed: the store did not answer",
        errorText(err).replaceAll(asked.token, "[token]"),
      );
      return unavailable(res);
    }
    if (user === null) return notFound(res);
    const catalog = catalogOrNull(deps);
    if (!catalog) return unavailable(res);
    body = agendaCalendar(catalog, deps.starsOf(user), { now: deps.clock.now() });
  } else {
    const catalog = catalogOrNull(deps);
    if (!catalog) return unavailable(res);
    body = talkCalendar(catalog, asked.talkId, { now: deps.clock.now() });
  }
  if (body === null) return notFound(res);
  return sendCalendar(req, res, body, asked.kind === "agenda");
}

function catalogOrNull(deps: CalendarDeps): CalendarSource | null {
  try {
    return deps.current();
  } catch {
    return null;
  }
}

function sendCalendar(req: IncomingMessage, res: ServerResponse, body: string, personal: boolean) {
  const etag = etagOf(body);
  res.setHeader("etag", etag);
  // Revalidate on every poll (a cheap 304 when nothing changed); a personal feed
  // is for its owner's calendar only, never a shared cache.
  res.setHeader("cache-control", personal ? "private, no-cache" : "no-cache");
  res.setHeader("referrer-policy", "no-referrer");
  if (matches(req.headers["if-none-match"], etag)) {
    res.writeHead(304);
    res.end();
    return;
  }
  res.writeHead(200, {
    "content-type": "text/calendar; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "x-content-type-options": "nosniff",
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

/**
 * A weak ETag: a hash of the feed without its DTSTAMP lines, which only say when
 * this copy was made. Two copies that differ in nothing else are the same
 * calendar, so a client polling an unchanged feed gets 304.
 */
export function etagOf(body: string): string {
  const content = body.replace(/^DTSTAMP:[^\r\n]*\r\n/gm, "");
  return `W/"${createHash("sha256").update(content).digest("base64url").slice(0, 27)}"`;
}

/** If-None-Match with the weak comparison RFC 9110 asks for on GET and HEAD. */
function matches(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const text = Array.isArray(header) ? header.join(",") : header;
  if (text.trim() === "*") return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return text.split(",").some((tag) => opaque(tag) === opaque(etag));
}

function notFound(res: ServerResponse): void {
  plain(res, 404, "Not found");
}

function unavailable(res: ServerResponse): void {
  res.setHeader("retry-after", "60");
  plain(res, 503, "Service unavailable");
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
  });
  res.end(res.req?.method === "HEAD" ? undefined : text);
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
