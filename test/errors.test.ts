import { describe, expect, it } from "vitest";
import { CatalogError } from "../src/catalog/catalog-error.ts";
import { MetaError } from "../src/catalog/meta.ts";
import { SourceError } from "../src/catalog/sources/types.ts";
import { run as search } from "../src/cli/search.ts";
import { UsageError } from "../src/cli/usage-error.ts";
import { ConfigError } from "../src/config.ts";
import { exitWith, TalkbotError } from "../src/errors.ts";
import { SlackAuthError } from "../src/slack/start-errors.ts";

describe("one family for errors an operator can fix", () => {
  it("gives each kind a stable code and exit code, and keeps the original as cause", () => {
    const cause = new Error("EACCES");
    const errors: [TalkbotError, string][] = [
      [new ConfigError(["PORT must be a whole number"]), "config_invalid"],
      [new CatalogError("c.json", ["no talks"], { cause }), "catalog_invalid"],
      [new MetaError("meta.json", ["events: required"]), "catalog_meta_invalid"],
      [new SourceError("x.txt", "unknown layout"), "catalog_source_invalid"],
      [new SlackAuthError("invalid_auth"), "slack_auth_refused"],
      [new UsageError("--limit needs a value", { cause }), "usage"],
    ];
    for (const [err, code] of errors) {
      expect(err).toBeInstanceOf(TalkbotError);
      expect(err.code).toBe(code);
      expect(err.exitCode).toBe(1);
      expect(err.name).toBe(err.constructor.name);
    }
    expect(errors.filter(([e]) => e.cause === cause)).toHaveLength(2);
  });

  it("CLI commands throw a real UsageError, not an Error renamed", async () => {
    await expect(search(["kafka", "--limit", "zero"], {})).rejects.toBeInstanceOf(UsageError);
  });

  it("ends every entry point alike: an operator's error as its message, a bug with its stack", async () => {
    const printed: unknown[][] = [];
    const error = console.error;
    console.error = (...args: unknown[]) => void printed.push(args);
    const before = process.exitCode;
    try {
      exitWith(Promise.reject(new UsageError("--limit needs a value", { cause: new Error("x") })));
      await new Promise((r) => setImmediate(r));
      expect(printed.at(-1)).toEqual(["--limit needs a value"]);
      expect(process.exitCode).toBe(1);
      const bug = new TypeError("undefined is not a function");
      exitWith(Promise.reject(bug), "talkbot stopped:");
      await new Promise((r) => setImmediate(r));
      expect(printed.at(-1)).toEqual(["talkbot stopped:", bug]);
      exitWith(Promise.resolve(0));
      await new Promise((r) => setImmediate(r));
      expect(process.exitCode).toBe(0);
    } finally {
      console.error = error;
      process.exitCode = before;
    }
  });
});
