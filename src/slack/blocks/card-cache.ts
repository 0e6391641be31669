import type { ActionsBlock, Button, KnownBlock } from "@slack/types";
import type { Talk } from "../../catalog/schema.ts";
import { type CatalogLookup, type TalkView, talkView } from "../../present/talk-view.ts";
import type { MatchField } from "../../search/types.ts";
import { escapeMrkdwn } from "../mrkdwn.ts";
import { cardButtons, matchLine, summaryText } from "./talk-card.ts";

/**
 * What a search-result card is made of, rendered once per talk and catalog: the
 * view (dates formatted, excerpt cut), the escaped summary and the buttons, with
 * their JSON sizes. Only the match line differs from one search to the next.
 */
interface CardParts {
  view: TalkView;
  /** `escapeMrkdwn(view.title)`, for the message's fallback text. */
  escapedTitle: string;
  summary: string;
  /** `summary` as JSON, without the quotes. */
  summaryChars: number;
  buttons: ActionsBlock | null;
  /** What the buttons add to a group's size: their JSON and a comma. */
  buttonsSize: number;
}

export interface MeasuredCard {
  view: TalkView;
  escapedTitle: string;
  blocks: KnownBlock[];
  /** `groupSize(blocks)`, worked out from the cached sizes. */
  size: number;
}

/** Cards kept per catalog: bounds the cache at large catalogs, where few talks are ever shown. */
export const cardsPerCatalog = 2_000;

/** A section's size but for its text: `{"type":"section","text":{"type":"mrkdwn","text":""}}` and a comma. */
const sectionSize =
  JSON.stringify({ type: "section", text: { type: "mrkdwn", text: "" } }).length + 1;

const jsonChars = (text: string) => JSON.stringify(text).length - 2;

/**
 * Search-result cards of one catalog, as `talkCard(view, { share: true, matched })`
 * makes them, from parts kept per talk. A snapshot keeps one (results-page.ts),
 * so a reloaded catalog starts afresh.
 */
export class CardCache {
  private readonly parts = new Map<Talk, CardParts>();

  constructor(
    private readonly lookup: CatalogLookup,
    private readonly max = cardsPerCatalog,
  ) {}

  /** The card of a search hit: the blocks `talkCard` makes, and their size. */
  card(talk: Talk, matched: readonly MatchField[] = []): MeasuredCard {
    const parts = this.partsOf(talk);
    let text = parts.summary;
    let textChars = parts.summaryChars;
    if (matched.length > 0) {
      // JSON escapes character by character, so the sizes of the pieces add up.
      const line = `\n${matchLine(matched)}`;
      text += line;
      textChars += jsonChars(line);
    }
    const blocks: KnownBlock[] = [{ type: "section", text: { type: "mrkdwn", text } }];
    let size = sectionSize + textChars;
    if (parts.buttons) {
      blocks.push(copyButtons(parts.buttons));
      size += parts.buttonsSize;
    }
    return { view: parts.view, escapedTitle: parts.escapedTitle, blocks, size };
  }

  private partsOf(talk: Talk): CardParts {
    let parts = this.parts.get(talk);
    if (!parts) {
      const view = talkView(talk, this.lookup);
      const summary = summaryText(view);
      const buttons = cardButtons(view.id, true);
      parts = {
        view,
        escapedTitle: escapeMrkdwn(view.title),
        summary,
        summaryChars: jsonChars(summary),
        buttons,
        buttonsSize: buttons ? JSON.stringify(buttons).length + 1 : 0,
      };
      if (this.parts.size >= this.max) {
        const oldest = this.parts.keys().next().value;
        if (oldest !== undefined) this.parts.delete(oldest);
      }
      this.parts.set(talk, parts);
    }
    return parts;
  }
}

/** Fresh objects each time, so no message shares blocks with the cache or another message. */
function copyButtons(block: ActionsBlock): ActionsBlock {
  return {
    ...block,
    elements: (block.elements as Button[]).map((b) => ({ ...b, text: { ...b.text } })),
  };
}
