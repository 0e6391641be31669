import type { DigestView } from "../../digest/view.ts";
import { escapeMrkdwn, slackDate } from "../mrkdwn.ts";
import { headerText } from "./buttons.ts";
import { BlockBudget, fitMrkdwn, Limits } from "./limits.ts";

/** What a correction adds to the digest as it now is (correction-message.ts). */
export interface DigestMessageOptions {
  /** A context line right under the slot's time, already mrkdwn (escaped); never cut off. */
  note?: string;
  /** Shown instead of talks when the slot has none (mrkdwn). */
  emptyText?: string;
  /** Replaces the fallback text's "Up next in" (plain, escaped here). */
  textLead?: string;
}

/**
 * The blocks every digest opens with: the heading, the slot's time for each
 * reader ("Starts …  ·  event  ·  3 talks", plus `extra`), a correction's note
 * and a slot left empty. The rest of the message goes into the budget returned.
 */
export function digestHead(
  view: DigestView,
  options: DigestMessageOptions,
  extra?: string,
): BlockBudget {
  const count = view.talks.length;
  const starts = slackDate(view.slotStart, "{date_short_pretty} at {time}", view.when);
  const about = [
    `Starts ${starts}`,
    view.event && view.scope !== "all" ? fitMrkdwn(view.event, 150) : null,
    `${count} talk${count === 1 ? "" : "s"}${extra ?? ""}`,
  ]
    .filter(Boolean)
    .join("  ·  ");

  const budget = new BlockBudget();
  budget.tryAdd([
    { type: "header", text: headerText(view.heading) },
    { type: "context", elements: [{ type: "mrkdwn", text: about }] },
  ]);
  if (options.note) {
    budget.tryAdd([{ type: "context", elements: [{ type: "mrkdwn", text: options.note }] }]);
  }
  if (count === 0 && options.emptyText) {
    budget.tryAdd([{ type: "section", text: { type: "mrkdwn", text: options.emptyText } }]);
  }
  return budget;
}

/** The notification and screen-reader text: what it announces, time, titles. */
export function digestFallbackText(view: DigestView, lead = "Up next in"): string {
  const head = `${lead} ${view.name}, ${view.when}: `;
  const titles = view.talks.map((t) => t.title).join("; ");
  const text = fitMrkdwn(`${head}${titles}`, Limits.fallbackText);
  return text || escapeMrkdwn(head);
}
