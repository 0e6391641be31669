import type { ActionsBlock, Button } from "@slack/types";
import { escapeMrkdwn } from "../mrkdwn.ts";
import { fitMrkdwn, Limits } from "./limits.ts";

/**
 * A button within Slack's limits, or null when its value cannot fit (a value is
 * an id or a query: cutting it would make the button do something else).
 */
export function button(
  label: string,
  actionId: string,
  value: string,
  style?: "primary",
): Button | null {
  if (value.length > Limits.buttonValue || value.length === 0) return null;
  return {
    type: "button",
    text: { type: "plain_text", text: fitMrkdwn(label, Limits.buttonText), emoji: true },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

/** An actions block of the buttons that could be built, or null when none could. */
export function actions(buttons: readonly (Button | null)[]): ActionsBlock | null {
  const elements = buttons.filter((b): b is Button => b !== null).slice(0, Limits.actionsElements);
  return elements.length > 0 ? { type: "actions", elements } : null;
}

/** Plain text for header blocks: escaped like mrkdwn, which Slack decodes for display. */
export function headerText(raw: string): { type: "plain_text"; text: string; emoji: true } {
  const text = fitMrkdwn(raw, Limits.headerText);
  return { type: "plain_text", text: text || escapeMrkdwn("talkbot"), emoji: true };
}
