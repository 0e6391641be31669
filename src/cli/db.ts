/**
 * `npm run -s cli -- db migrate|status`: the store's schema versions, on the
 * engine the bot would use (SQLite in TALKBOT_STATE_DIR, or DATABASE_URL).
 */
import { loadConfig } from "../config.ts";
import { openStore } from "../store/open-store.ts";

const USAGE = "usage: npm run -s cli -- db migrate|status";

export async function run(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [action, ...rest] = args;
  if ((action !== "migrate" && action !== "status") || rest.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const store = await openStore(loadConfig(env).store, { migrate: action === "migrate" });
  try {
    const states = await store.migrations();
    console.log(`${store.engine} at ${store.where}`);
    for (const m of states) {
      console.log(
        `  ${m.executedAt ? "applied" : "pending"}  ${m.name}${m.executedAt ? `  ${m.executedAt.toISOString()}` : ""}`,
      );
    }
    const pending = states.filter((m) => !m.executedAt).length;
    console.log(
      pending === 0
        ? "schema up to date"
        : `${pending} migration${pending === 1 ? "" : "s"} pending: run db migrate (the bot also applies them at start)`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
