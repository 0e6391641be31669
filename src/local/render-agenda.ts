import { reminderText } from "../agenda/agenda.ts";
import type { AgendaView } from "../agenda/agenda-view.ts";
import type { PlannedReminder } from "../agenda/reminders.ts";
import type { Talk } from "../catalog/schema.ts";
import { type CatalogLookup, talkView } from "../present/talk-view.ts";
import { dayText } from "../time/format.ts";

/** The agenda's talks in the order renderAgenda numbers them: to come by day, then untimed. */
export function agendaOrder(view: AgendaView): Talk[] {
  return [
    ...view.days.flatMap((d) => d.entries.filter((e) => e.when !== "past").map((e) => e.talk)),
    ...view.untimed,
  ];
}

/**
 * The terminal twin of `/talk agenda`: starred talks still to come, by day,
 * clashes marked, numbered for "unstar N" and "details N".
 */
export function renderAgenda(
  view: AgendaView,
  lookup: CatalogLookup,
  remindMinutes: number,
): string {
  if (view.count === 0) {
    return 'Nothing starred yet: search, then "star 1" to add the first talk of the answer.\n';
  }
  const lines = [
    `Your agenda: ${view.count} starred talk${view.count === 1 ? "" : "s"} · ${reminderText(remindMinutes)} ("remind 5|10|15|30|off")`,
  ];
  let ended = 0;
  let n = 0;
  for (const day of view.days) {
    const upcoming = day.entries.filter((e) => e.when !== "past");
    ended += day.entries.length - upcoming.length;
    if (upcoming.length === 0) continue;
    lines.push("", `── ${dayText(day.day)}`);
    for (const entry of upcoming) {
      const v = talkView(entry.talk, lookup);
      const mark = entry.when === "now" ? "  (on now)" : entry.when === "next" ? "  (next)" : "";
      lines.push(`  ${++n}. ${v.title}${mark}`);
      const where = [v.when, v.room && `Room: ${v.room}`].filter(Boolean).join(" · ");
      if (where) lines.push(`    ${where}`);
      if (entry.overlaps.length > 0) {
        const names = entry.overlaps.map((t) => talkView(t, lookup).title).join("; ");
        lines.push(`    ! overlaps with ${names}`);
      }
    }
  }
  const notes: string[] = [];
  if (ended > 0) notes.push(`${ended} starred talk${ended === 1 ? "" : "s"} already ended.`);
  if (view.untimed.length > 0) {
    lines.push("", "── Not scheduled yet");
    for (const t of view.untimed) lines.push(`  ${++n}. ${talkView(t, lookup).title}`);
  }
  if (view.gone > 0) notes.push(`${view.gone} starred talk(s) no longer in the schedule.`);
  if (notes.length > 0) lines.push("", ...notes);
  return `${lines.join("\n")}\n`;
}

/** A reminder as the terminal prints it, on the (simulated) clock like a digest. */
export function renderReminder(r: PlannedReminder, lookup: CatalogLookup, now: Date): string {
  const v = talkView(r.talk, lookup);
  const minutes = Math.max(1, Math.ceil((r.deadline.getTime() - now.getTime()) / 60_000));
  const where = v.room ? ` in ${v.room}` : "";
  return `[reminder → you] In ${minutes} min${where}: ${v.title}${v.when ? ` (${v.when})` : ""}\n`;
}
