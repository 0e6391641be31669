/**
 * Stable ids: derived from what a talk is (its event and title, or for an untitled
 * talk its speakers and the opening of its abstract), never from its position, so
 * that a rebuild — or a new talk added to a source — leaves existing ids alone.
 */
import { createHash } from "node:crypto";

/** "Architectures You've Always Wondered About" → "architectures-youve-always-wondered-about". */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/['’‘`´]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** A slug cut to at most `max` characters at a word boundary. */
export function shortSlug(text: string, max = 64): string {
  const slug = slugify(text);
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const dash = cut.lastIndexOf("-");
  return (dash > max / 2 ? cut.slice(0, dash) : slug.slice(0, max)).replace(/-+$/, "");
}

export function trackId(eventId: string, name: string): string {
  return `${eventId}/track/${shortSlug(name) || "untitled"}`;
}

export function talkId(
  eventId: string,
  talk: { title: string | null; speakers: readonly { name: string }[]; abstract: string },
): string {
  if (talk.title) {
    const slug = shortSlug(talk.title);
    if (slug) return `${eventId}/${slug}`;
  }
  // Untitled: who gives it and how the abstract starts.
  const who = shortSlug(talk.speakers.map((s) => s.name).join(" "), 40);
  const what = shortSlug(talk.abstract.split(/\s+/).slice(0, 6).join(" "), 40);
  const slug = [who, what].filter(Boolean).join("-") || `untitled-${shortHash(talk.abstract)}`;
  return `${eventId}/${slug}`;
}

/** Six hex digits of SHA-1: to tell apart two talks that would otherwise share an id. */
export function shortHash(text: string): string {
  return createHash("sha1").update(text).digest("hex").slice(0, 6);
}
