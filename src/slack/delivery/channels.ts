import type { webApi } from "@slack/bolt";
import type { Logger } from "../../log.ts";
import { hintFor, slackErrorCode } from "../errors.ts";

/** Channel ids as Slack writes them: C… public, G… private (legacy), D… direct. */
// Channel names are lower case, so an upper-case word starting C, G or D is an id.
const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;
/** A user (U…, W… for Enterprise Grid): a message to one goes to the bot's DM with them. */
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

/**
 * Which channel id each configured channel (id or #name) is. Reading history, the
 * check that keeps a post whose outcome was lost from going out twice, needs ids.
 */
export class ChannelDirectory {
  private readonly ids = new Map<string, string>();

  /**
   * `openDm` finds the DM channel (D…) with a user, for messages posted to a user
   * id (reminders): conversations.open, scope im:write.
   */
  constructor(private readonly openDm?: (userId: string) => Promise<string | undefined>) {}

  /** The id, asking Slack for a DM's when only the user id is known (after a restart). */
  async resolve(channel: string): Promise<string | undefined> {
    const known = this.idOf(channel);
    if (known || !this.openDm || !USER_ID.test(channel)) return known;
    const id = await this.openDm(channel);
    this.learn(channel, id);
    return id;
  }

  idOf(channel: string): string | undefined {
    return CHANNEL_ID.test(channel) ? channel : this.ids.get(channel.replace(/^#/, ""));
  }

  learn(channel: string, id: string | undefined): void {
    if (id && !CHANNEL_ID.test(channel)) this.ids.set(channel.replace(/^#/, ""), id);
  }
}

/** The directory for DMs posted to user ids: each DM's id found with conversations.open. */
export function dmDirectory(client: {
  conversations: { open(args: { users: string }): Promise<{ channel?: { id?: string } }> };
}): ChannelDirectory {
  return new ChannelDirectory(async (userId) => {
    const res = await client.conversations.open({ users: userId });
    return res.channel?.id;
  });
}

/**
 * Joins the configured public channels at start (scope channels:join), so the bot
 * can post and read their history, and says which need an /invite. Never throws:
 * a channel it cannot join is reported and posting is still tried.
 */
export async function joinChannels(
  client: webApi.WebClient,
  channels: readonly string[],
  directory: ChannelDirectory,
  logger: Logger,
): Promise<void> {
  const names = channels.filter((c) => !CHANNEL_ID.test(c)).map((c) => c.replace(/^#/, ""));
  if (names.length > 0) await resolveNames(client, new Set(names), directory, logger);
  for (const channel of channels) {
    const id = directory.idOf(channel);
    if (!id) {
      logger.warn(
        `digests: no public channel named ${channel} was found; if it is private, /invite @talkbot there and configure its id (C…) instead`,
      );
      continue;
    }
    try {
      await client.conversations.join({ channel: id });
    } catch (err) {
      const code = slackErrorCode(err) ?? (err instanceof Error ? err.message : String(err));
      const why =
        code === "method_not_supported_for_channel_type" || code === "channel_not_found"
          ? `it is private or unknown to the bot: /invite @talkbot in ${channel}`
          : code === "missing_scope"
            ? "the app lacks the channels:join scope: add it (manifest.yml) and reinstall"
            : hintFor(code) || code;
      logger.warn(`digests: could not join ${channel} (${code}): ${why}`);
    }
  }
}

async function resolveNames(
  client: webApi.WebClient,
  wanted: Set<string>,
  directory: ChannelDirectory,
  logger: Logger,
): Promise<void> {
  let cursor: string | undefined;
  try {
    for (let page = 0; page < 50 && wanted.size > 0; page++) {
      const res = await client.conversations.list({
        types: "public_channel",
        exclude_archived: true,
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      for (const c of res.channels ?? []) {
        if (c.name && c.id && wanted.delete(c.name)) directory.learn(c.name, c.id);
      }
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
  } catch (err) {
    logger.warn(
      `digests: could not list channels to find ${[...wanted].map((n) => `#${n}`).join(", ")} (${slackErrorCode(err) ?? String(err)}); configure channel ids (C…) instead`,
    );
  }
}
