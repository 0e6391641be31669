import { loadCatalogOrExport } from "../catalog/import/load-catalog-or-export.ts";
import type { Catalog } from "../catalog/schema.ts";
import { DEFAULT_CATALOG_PATH, loadConfig } from "../config.ts";
import { TalkbotError } from "../errors.ts";
import { silentLogger } from "../log.ts";
import { pollerSettings, SchedulePoller } from "../schedule/poller.ts";
import { openStore } from "../store/open-store.ts";

/**
 * The catalog a CLI command looks at when `--catalog` is not given: the one the
 * bot serves. With TALKBOT_SCHEDULE_URL that is the release last applied from it,
 * read from the bot's store (never from the network: the command shows what the
 * bot shows); otherwise TALKBOT_CATALOG, then data/catalog.json.
 */
export async function botCatalog(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv,
  options: { timeZone?: string } = {},
): Promise<{ catalog: Catalog; from: string }> {
  if (explicit !== undefined) {
    return { catalog: await loadCatalogOrExport(explicit, options), from: explicit };
  }
  if (env.TALKBOT_SCHEDULE_URL?.trim()) {
    const found = await appliedRelease(env);
    if (!found) {
      throw new TalkbotError(
        "schedule_not_applied",
        "TALKBOT_SCHEDULE_URL is set, but no release of it is in the store yet (the bot has not run against these sources with this TALKBOT_STATE_DIR / DATABASE_URL): start the bot once, or give --catalog <file>",
      );
    }
    return found;
  }
  const path = env.TALKBOT_CATALOG?.trim() || DEFAULT_CATALOG_PATH;
  return { catalog: await loadCatalogOrExport(path, options), from: path };
}

/** The release the bot serves for TALKBOT_SCHEDULE_URL, from its store; null when none was applied. */
export async function appliedRelease(
  env: NodeJS.ProcessEnv,
): Promise<{ catalog: Catalog; from: string } | null> {
  const config = loadConfig(env);
  if (!config.schedule) return null;
  const store = await openStore(config.store);
  try {
    const poller = new SchedulePoller({
      ...pollerSettings(config.schedule),
      archive: store,
      logger: silentLogger,
      onRelease: () => {},
    });
    const restored = await poller.restore();
    if (!restored) return null;
    return {
      catalog: restored.catalog,
      from: `release ${restored.releaseId} of TALKBOT_SCHEDULE_URL (from the store)`,
    };
  } finally {
    await store.close();
  }
}
