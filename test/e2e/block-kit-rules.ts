/**
 * Slack's Block Kit limits as Slack applies them, written independently of
 * src/slack so a test does not check the builders against themselves.
 */
type Json = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === "string" ? v : "");

function textOf(obj: unknown): string {
  return str((obj as Json | undefined)?.text);
}

/** Every limit a message breaks; empty when Slack would accept it. */
export function blockKitViolations(message: { text?: unknown; blocks?: unknown }): string[] {
  const problems: string[] = [];
  const blocks = message.blocks;
  if (blocks === undefined) {
    if (!str(message.text)) problems.push("no text and no blocks");
    return problems;
  }
  if (!Array.isArray(blocks)) return ["blocks is not an array"];
  if (!str(message.text).trim()) problems.push("no top-level text fallback");
  if (blocks.length > 50) problems.push(`${blocks.length} blocks (max 50)`);
  const size = JSON.stringify(blocks).length;
  if (size > 12_000) problems.push(`blocks are ${size} characters (max ~12,000)`);
  blocks.forEach((raw, i) => {
    const b = raw as Json;
    const at = `blocks[${i}] (${str(b.type)})`;
    if (str(b.block_id).length > 255) problems.push(`${at}: block_id over 255`);
    switch (b.type) {
      case "section": {
        const t = textOf(b.text);
        if (b.text !== undefined && (t.length < 1 || t.length > 3000)) {
          problems.push(`${at}: text is ${t.length} characters (1-3000)`);
        }
        const fields = b.fields as unknown[] | undefined;
        if (fields && fields.length > 10) problems.push(`${at}: ${fields.length} fields (max 10)`);
        for (const f of fields ?? []) {
          if (textOf(f).length > 2000) problems.push(`${at}: a field over 2000 characters`);
        }
        if (b.text === undefined && !fields) problems.push(`${at}: neither text nor fields`);
        break;
      }
      case "header": {
        const t = b.text as Json | undefined;
        if (t?.type !== "plain_text") problems.push(`${at}: text must be plain_text`);
        const n = textOf(t).length;
        if (n < 1 || n > 150) problems.push(`${at}: text is ${n} characters (1-150)`);
        break;
      }
      case "context": {
        const elements = (b.elements as unknown[] | undefined) ?? [];
        if (elements.length < 1 || elements.length > 10) {
          problems.push(`${at}: ${elements.length} elements (1-10)`);
        }
        for (const e of elements) {
          if (textOf(e).length > 3000) problems.push(`${at}: an element over 3000 characters`);
        }
        break;
      }
      case "actions": {
        const elements = (b.elements as Json[] | undefined) ?? [];
        if (elements.length < 1 || elements.length > 25) {
          problems.push(`${at}: ${elements.length} elements (1-25)`);
        }
        for (const e of elements) {
          if (e.type !== "button") continue;
          const label = textOf(e.text);
          if (label.length < 1 || label.length > 75)
            problems.push(`${at}: button text ${label.length} (1-75)`);
          if (str(e.value).length > 2000) problems.push(`${at}: button value over 2000`);
          if (str(e.action_id).length > 255) problems.push(`${at}: action_id over 255`);
        }
        break;
      }
      case "divider":
        break;
      default:
        problems.push(`${at}: a block type talkbot does not use`);
    }
  });
  return problems;
}

/** Every text a person can read in a message: top-level text and every text object. */
export function allTexts(message: { text?: unknown; blocks?: unknown }): string[] {
  const out: string[] = [str(message.text)];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const o = v as Json;
      if ((o.type === "mrkdwn" || o.type === "plain_text") && typeof o.text === "string") {
        out.push(o.text);
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(message.blocks);
  return out;
}

/**
 * The `<…>` sequences Slack would turn into pings, mentions, links or dates.
 * A test lists which ones it expects; catalog or user text must add none.
 */
export function liveSequences(message: { text?: unknown; blocks?: unknown }): string[] {
  return allTexts(message).flatMap((t) => t.match(/<[^>]*>/g) ?? []);
}
