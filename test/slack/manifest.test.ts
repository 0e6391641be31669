import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { App } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { registerListeners } from "../../src/slack/listeners/index.ts";
import { deps, personalFakes } from "./listeners/fakes.ts";
import { readManifest, type Yaml } from "./manifest-reader.ts";

const manifest = readManifest(readFileSync("manifest.yml", "utf8"));

function at(path: string): Yaml | undefined {
  let node: Yaml | undefined = manifest;
  for (const key of path.split(".")) {
    node = node && typeof node === "object" && !Array.isArray(node) ? node[key] : undefined;
  }
  return node;
}

/** What the app really registers, recorded from registerListeners itself. */
function registered() {
  const seen = { commands: [] as string[], events: [] as string[], actions: [] as string[] };
  const recorder = {
    command: (name: string) => seen.commands.push(name),
    // One listener may take several events by pattern: ^(?:a|b|c)$.
    event: (name: string | RegExp) =>
      seen.events.push(
        ...(typeof name === "string"
          ? [name]
          : (/^\^\(\?:(.*)\)\$$/.exec(name.source)?.[1] ?? name.source).split("|")),
      ),
    action: (id: string) => seen.actions.push(id),
  };
  registerListeners(recorder as unknown as App, deps().deps, undefined, personalFakes());
  return seen;
}

/** Web API methods called anywhere in src/, e.g. "chat.postMessage". */
function methodsCalled(dir = "src"): Set<string> {
  const found = new Set<string>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) for (const m of methodsCalled(path)) found.add(m);
    else if (path.endsWith(".ts")) {
      for (const m of readFileSync(path, "utf8").matchAll(/\bclient\.(\w+)\.(\w+)\(/g)) {
        found.add(`${m[1]}.${m[2]}`);
      }
    }
  }
  return found;
}

/** The bot scope each Web API method needs (https://docs.slack.dev/reference/methods). */
const scopeOf: Record<string, string[]> = {
  "chat.postMessage": ["chat:write"],
  "chat.postEphemeral": ["chat:write"],
  "chat.update": ["chat:write"],
  "chat.scheduleMessage": ["chat:write"],
  "auth.test": [],
  // The history check after a lost answer reads public and private channels, and DMs.
  "conversations.history": ["channels:history", "groups:history", "im:history"],
  // A reminder's DM channel, for that history check after a restart.
  "conversations.open": ["im:write"],
  "views.publish": [],
  "conversations.join": ["channels:join"],
  "conversations.list": ["channels:read"],
};

describe("manifest.yml", () => {
  const code = registered();

  it("declares every slash command the app handles, and handles every declared one", () => {
    const declared = (at("features.slash_commands") as { command: string }[]).map((c) => c.command);
    expect(declared.sort()).toEqual([...code.commands].sort());
    for (const c of at("features.slash_commands") as Record<string, Yaml>[]) {
      expect(String(c.description).length).toBeGreaterThan(10);
      expect(String(c.usage_hint).length).toBeGreaterThan(3);
    }
  });

  it("subscribes to exactly the bot events the app listens to", () => {
    // Bolt's "message" listener hears DMs only because the manifest subscribes to message.im.
    const listened = code.events.map((e) => (e === "message" ? "message.im" : e));
    expect([...(at("settings.event_subscriptions.bot_events") as string[])].sort()).toEqual(
      listened.sort(),
    );
  });

  it("turns on App Home's Home tab and the Messages tab, which the agenda uses", () => {
    expect(code.events).toContain("app_home_opened");
    expect(at("features.app_home.home_tab_enabled")).toBe(true);
    expect(at("features.app_home.messages_tab_enabled")).toBe(true);
  });

  it("turns interactivity on because the app handles button actions", () => {
    expect(code.actions.length).toBeGreaterThan(0);
    expect(at("settings.interactivity.is_enabled")).toBe(true);
  });

  it("is a Socket Mode app", () => {
    expect(at("settings.socket_mode_enabled")).toBe(true);
  });

  it("asks for only the bot scopes the code needs", () => {
    const needed = new Set<string>();
    for (const method of methodsCalled()) {
      const scopes = scopeOf[method];
      expect(scopes, `no scope known for ${method}: add it to scopeOf`).toBeDefined();
      for (const scope of scopes ?? []) needed.add(scope);
    }
    if (code.commands.length > 0) needed.add("commands");
    if (code.events.includes("app_mention")) needed.add("app_mentions:read");
    if (code.events.includes("message")) needed.add("im:history");
    // "Share in channel" and digests post in public channels talkbot has not joined.
    needed.add("chat:write.public");
    expect([...(at("oauth_config.scopes.bot") as string[])].sort()).toEqual([...needed].sort());
  });
});

describe("the manifest reader", () => {
  it("reads the shapes manifest.yml uses and refuses others", () => {
    expect(
      readManifest('a:\n  b: "x: y" # c\n  l:\n    - one\n    - k: v\n      w: true\n'),
    ).toEqual({
      a: { b: "x: y", l: ["one", { k: "v", w: true }] },
    });
    expect(() => readManifest("a:\n   b: 1\n")).toThrow(/odd indentation/);
    expect(() => readManifest("a: [1, 2]\nb\n")).toThrow();
  });
});
