import { z } from "zod";
import { realDay } from "../time/day.ts";
import { isIanaZone } from "../time/zone.ts";

/** `YYYY-MM-DD`, a calendar day in the event's own zone. */
const localDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a day as YYYY-MM-DD")
  .refine(realDay, "not a real day");

/**
 * An instant written with the UTC offset that was in force where the event ran,
 * e.g. `2020-03-03T10:35:00+00:00`. A bare local time or a `Z` instant loses the
 * information readers need, so both are refused.
 */
const offsetInstant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?[+-]\d{2}:\d{2}$/,
    "expected ISO 8601 with a UTC offset, e.g. 2020-03-03T10:35:00+00:00",
  )
  .refine(
    (s) => !Number.isNaN(Date.parse(s)) && realDay(s.slice(0, 10)),
    "not a real date and time",
  );

const ianaZone = z.string().refine(isIanaZone, "not an IANA time zone (e.g. Europe/London)");

export const speakerSchema = z.object({
  name: z.string().min(1),
  role: z.string().min(1).optional(),
  company: z.string().min(1).optional(),
  bio: z.string().min(1).optional(),
});

export const eventSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1).nullable(),
  timeZone: ianaZone.nullable(),
  sources: z.array(z.string().min(1)),
  startDate: localDay.optional(),
  endDate: localDay.optional(),
  url: z.string().optional(),
});

export const trackSchema = z.object({
  id: z.string().min(1),
  eventId: z.string().min(1),
  name: z.string().min(1),
  date: localDay.optional(),
  host: z.string().min(1).optional(),
  description: z.string().optional(),
  room: z.string().min(1).optional(),
});

export const talkSchema = z.object({
  id: z.string().min(1),
  eventId: z.string().min(1),
  trackId: z.string().min(1).nullable(),
  title: z.string().min(1).nullable(),
  abstract: z.string(),
  speakers: z.array(speakerSchema),
  date: localDay.optional(),
  start: offsetInstant.optional(),
  end: offsetInstant.optional(),
  room: z.string().min(1).optional(),
  /** "talk" | "unconference" | "ama" | "keynote" | "workshop" | "break" | … */
  format: z.string().min(1).optional(),
  language: z.string().min(1).optional(),
  tags: z.array(z.string().min(1)),
  url: z.string().optional(),
  sources: z.array(z.string().min(1)).min(1),
});

export const catalogSchema = z.object({
  events: z.array(eventSchema),
  tracks: z.array(trackSchema),
  talks: z.array(talkSchema),
});

export type Speaker = z.infer<typeof speakerSchema>;
export type ConferenceEvent = z.infer<typeof eventSchema>;
export type Track = z.infer<typeof trackSchema>;
export type Talk = z.infer<typeof talkSchema>;

/**
 * Breaks (coffee, lunch) are schedule furniture: never a search result, never
 * announced. Exports write the format in any case ("break", "Break").
 */
export function isBreak(talk: Talk): boolean {
  return talk.format?.toLowerCase() === "break";
}
export type Catalog = z.infer<typeof catalogSchema>;
