import { vi } from "vitest";

/** What a CLI command printed: stdout and stderr lines joined, and its exit code. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs one of the CLI's `run` functions in this process, catching what it prints
 * with console.log and console.error (as the real `npm run cli` would show it).
 */
export async function runCli(
  run: (args: string[], env: NodeJS.ProcessEnv) => Promise<number>,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi
    .spyOn(console, "log")
    .mockImplementation((...p: unknown[]) => void out.push(p.join(" ")));
  const error = vi
    .spyOn(console, "error")
    .mockImplementation((...p: unknown[]) => void err.push(p.join(" ")));
  try {
    const code = await run(args, env);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
