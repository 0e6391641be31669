/**
 * `npm run -s cli -- <command> …`: each command lives in src/cli/<command>.ts and
 * exports `run(args)`, resolving to the process exit code.
 */
import { DEFAULT_CATALOG_PATH } from "./config.ts";
import { exitWith } from "./errors.ts";

const commands: Record<string, () => Promise<{ run(args: string[]): Promise<number> }>> = {
  import: () => import("./cli/import.ts"),
  diff: () => import("./cli/diff.ts"),
  search: () => import("./cli/search.ts"),
  digests: () => import("./cli/digests.ts"),
  db: () => import("./cli/db.ts"),
  stars: () => import("./cli/stars.ts"),
  schedule: () => import("./cli/schedule.ts"),
  tracks: () => import("./cli/tracks.ts"),
  rooms: () => import("./cli/rooms.ts"),
};

const usage = `usage: npm run -s cli -- <command> [options]

commands:
  search "<query>" [--at <ISO instant>] [--limit N] [--json] [--catalog <path>]
                                   search the catalog
  import <file>... [--time-zone <IANA>] [--out <path>]
                                   build a catalog from frab/pretalx/Sessionize exports
                                   (each file once)
  diff <old> <new> [--time-zone <IANA>] [--json]
                                   what changed between two schedules (catalogs or exports)
  schedule check [<url or file>...] [--time-zone <IANA>] [--catalog <path>]
                                   would the bot apply this release, and what would it
                                   announce (exit 0: applied, 1: refused); posts nothing
  tracks [--json] [--catalog <path>]
                                   tracks: id, name, day, talks, digest channel
  rooms [--json] [--catalog <path>]
                                   rooms: id, name, day, talks
  digests [--date YYYY-MM-DD] [--json] [--catalog <path>]
                                   the up-next digest plan, with what the store says
  db migrate|status                the store's schema versions (SQLite or DATABASE_URL)
  stars [--top N] [--json] [--catalog <path>]
                                   talks by how many people starred them (counts, never who)

--catalog defaults to what the bot serves: with TALKBOT_SCHEDULE_URL set, the release in its
store; else TALKBOT_CATALOG, then ${DEFAULT_CATALOG_PATH}.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help") {
    console.log(usage);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    console.error(`unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  const command = await load();
  return command.run(args);
}

exitWith(main(process.argv.slice(2)));
