import type { KnownBlock } from "@slack/types";
import { truncate } from "../../catalog/titles.ts";
import { escapeMrkdwn } from "../mrkdwn.ts";

/** Slack's Block Kit limits for messages (see SLACK-NOTES.md), with margin where Slack is vague. */
export const Limits = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  contextElements: 10,
  actionsElements: 25,
  /** Slack answers msg_blocks_too_long at around 13k characters of blocks; stay well under. */
  blocksChars: 12_000,
  /** The top-level `text` shows in notifications: keep it short. */
  fallbackText: 1000,
} as const;

/** A message as talkbot sends it: blocks plus the escaped `text` fallback. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/**
 * Escapes raw text for mrkdwn and shortens it (on a word boundary, before
 * escaping so no entity is cut in half) until the escaped form fits `max`.
 */
export function fitMrkdwn(raw: string, max: number): string {
  let text = raw;
  let escaped = escapeMrkdwn(text);
  while (escaped.length > max) {
    text = truncate(text, Math.max(1, text.length - (escaped.length - max)));
    escaped = escapeMrkdwn(text);
  }
  return escaped;
}

/**
 * What a group of blocks adds to the size Slack counts (the blocks' JSON as it
 * receives them): each block's JSON and a comma.
 */
export function groupSize(group: readonly KnownBlock[]): number {
  let n = 0;
  for (const b of group) n += JSON.stringify(b).length + 1;
  return n;
}

/** Blocks and characters a message keeps free for what must close it. */
export interface Reserve {
  readonly blocks: number;
  readonly chars: number;
}

const noReserve: Reserve = { blocks: 0, chars: 0 };

/**
 * Collects blocks for one message without crossing the block-count and size
 * limits: a group (e.g. one talk's card) goes in whole or not at all, and room
 * can be kept for blocks that must close the message.
 */
export class BlockBudget {
  readonly blocks: KnownBlock[] = [];
  private size = 2;

  constructor(
    private readonly maxBlocks: number = Limits.blocks,
    private readonly maxChars: number = Limits.blocksChars,
  ) {}

  /** Adds the group if it fits while leaving `reserve` blocks and characters free. */
  tryAdd(group: readonly KnownBlock[], reserve: Reserve = noReserve): boolean {
    return this.tryAddMeasured(group, groupSize(group), reserve);
  }

  /**
   * `tryAdd` for a group whose `groupSize` is already known (a cached card's),
   * so its blocks need not be serialized again to be counted.
   */
  tryAddMeasured(
    group: readonly KnownBlock[],
    size: number,
    reserve: Reserve = noReserve,
  ): boolean {
    if (this.blocks.length + group.length + reserve.blocks > this.maxBlocks) return false;
    if (this.size + size + reserve.chars > this.maxChars) return false;
    this.blocks.push(...group);
    this.size += size;
    return true;
  }

  get remainingChars(): number {
    return this.maxChars - this.size;
  }
}
