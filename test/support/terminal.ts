import { PassThrough } from "node:stream";
import { FixedClock } from "../../src/clock.ts";
import type { Deps } from "../../src/deps.ts";
import { type LocalSession, runLocal } from "../../src/local/run-local.ts";
import type { Snapshot } from "../../src/snapshot.ts";
import { silentLogger } from "./snapshots.ts";

/**
 * A piped (not interactive) terminal session: `lines` typed in, then the end of
 * input; resolves with everything it printed. The clock stands at `at`.
 */
export async function terminalSession(
  current: () => Snapshot,
  lines: string,
  options: { at?: string; deps?: Partial<Deps>; session?: Partial<LocalSession> } = {},
): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  const deps: Deps = {
    current,
    clock: new FixedClock(new Date(options.at ?? "2020-03-03T09:00:00Z")),
    logger: silentLogger,
    ...options.deps,
  };
  const done = runLocal(deps, { input, output, interactive: false, ...options.session });
  input.end(lines);
  await done;
  return text;
}
