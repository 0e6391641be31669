/**
 * The hand-written metadata beside the source documents (data/sources/meta.json):
 * what an organizer knows that the documents do not say — which event each file
 * belongs to, its name, dates and time zone. Kept apart from what is parsed.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { TalkbotError } from "../errors.ts";
import { realDay } from "../time/day.ts";
import { isIanaZone } from "../time/zone.ts";
import { parseJsonWithPosition } from "./import/text-position.ts";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a day as YYYY-MM-DD")
  .refine(realDay, "not a real day");

const zone = z.string().refine(isIanaZone, "not an IANA time zone (e.g. Europe/London)");

export const metaEventSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "use lower-case letters, digits and dashes"),
    /** Null when the documents do not say which event this is. */
    name: z.string().min(1).nullable(),
    timeZone: zone.nullable(),
    startDate: day.optional(),
    endDate: day.optional(),
    url: z.string().optional(),
    /** File names in data/sources/ that describe this event. */
    sources: z.array(z.string().min(1)).min(1),
    /** Free text for people: where the facts above come from. */
    note: z.string().optional(),
  })
  .strict()
  .refine((e) => (e.startDate === undefined) === (e.endDate === undefined), {
    message: "give both startDate and endDate, or neither",
    path: ["endDate"],
  })
  .refine((e) => !e.startDate || !e.endDate || e.startDate <= e.endDate, {
    message: "endDate is before startDate",
    path: ["endDate"],
  });

export const metaSchema = z
  .object({
    $comment: z.string().optional(),
    events: z.array(metaEventSchema).min(1),
  })
  .strict()
  .superRefine((meta, ctx) => {
    const ids = new Set<string>();
    const files = new Map<string, string>();
    meta.events.forEach((e, i) => {
      if (ids.has(e.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["events", i, "id"],
          message: `duplicate id "${e.id}"`,
        });
      }
      ids.add(e.id);
      e.sources.forEach((f, j) => {
        const other = files.get(f);
        if (other) {
          ctx.addIssue({
            code: "custom",
            path: ["events", i, "sources", j],
            message: `"${f}" is already listed for event "${other}"`,
          });
        }
        files.set(f, e.id);
      });
    });
  });

export type Meta = z.infer<typeof metaSchema>;
export type MetaEvent = z.infer<typeof metaEventSchema>;

/** A metadata file that cannot be used, with what is wrong and where. */
export class MetaError extends TalkbotError {
  constructor(file: string, problems: readonly string[]) {
    super(
      "catalog_meta_invalid",
      [`${file}: metadata refused`, ...problems.map((p) => `  - ${p}`)].join("\n"),
    );
  }
}

export function parseMeta(data: unknown, file: string): Meta {
  const parsed = metaSchema.safeParse(data);
  if (!parsed.success) {
    throw new MetaError(
      file,
      parsed.error.issues.map(
        (i) => `${i.path.length ? i.path.join(".") : "top level"}: ${i.message}`,
      ),
    );
  }
  return parsed.data;
}

export function loadMetaFile(file: string): Meta {
  const parsed = parseJsonWithPosition(readFileSync(file, "utf8"));
  if ("error" in parsed) throw new MetaError(file, [`not valid JSON: ${parsed.error}`]);
  return parseMeta(parsed.data, file);
}
