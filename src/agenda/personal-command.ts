import { REMIND_CHOICES } from "./agenda.ts";

/** What a person asks about their own agenda, rather than a search. */
export type PersonalCommand =
  | { kind: "agenda" }
  | { kind: "remind"; minutes: number }
  /** `remind` with something else: the answer lists the choices. */
  | { kind: "remind-help"; given: string }
  | { kind: "calendar"; reset: boolean };

const choices = REMIND_CHOICES.filter((m) => m > 0);

/**
 * `agenda`, `my agenda`, `starred`, `my stars`; `remind 15`, `remind off`;
 * `calendar`, `calendar reset`. Anything else is a search (null). Matched whole,
 * so a search for "agenda driven design" is still a search.
 */
export function parsePersonalCommand(query: string): PersonalCommand | null {
  const text = query
    .trim()
    .toLowerCase()
    .replace(/[?!.]+$/, "")
    .replace(/\s+/g, " ");
  if (/^(?:(?:show )?my )?(?:agenda|starred|stars|starred talks)$/.test(text)) {
    return { kind: "agenda" };
  }
  const remind = /^remind(?:ers?)?(?: me)?(?: (.*))?$/.exec(text);
  if (remind) {
    const arg = (remind[1] ?? "").replace(/ ?(?:min(?:ute)?s?|m)( before)?$/, "").trim();
    if (arg === "off" || arg === "none" || arg === "0" || arg === "never") {
      return { kind: "remind", minutes: 0 };
    }
    const n = Number(arg);
    if ((choices as readonly number[]).includes(n)) return { kind: "remind", minutes: n };
    // "remind 7" is a setting asked for wrongly; "reminders in kotlin" is a search.
    if (arg === "" || /^\d+$/.test(arg)) return { kind: "remind-help", given: remind[1] ?? "" };
    return null;
  }
  const calendar = /^(?:my )?(?:calendar|ical|ics)(?: (reset|new|revoke))?$/.exec(text);
  if (calendar) return { kind: "calendar", reset: calendar[1] !== undefined };
  return null;
}

/** "off, 5, 10, 15 or 30": the choices `remind` takes, for help lines. */
export const remindChoicesText = `off, ${choices.slice(0, -1).join(", ")} or ${choices.at(-1)}`;
