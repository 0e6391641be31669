import { describe, expect, it } from "vitest";
import type { Catalog } from "../../src/catalog/schema.ts";
import { startDigests } from "../../src/digest/scheduler.ts";
import { inheritIdentities } from "../../src/digest/track-identity.ts";
import { currentFrom } from "../support/snapshots.ts";
import {
  catalogOf,
  digestPort,
  FixedClock,
  fakeSlack,
  instantSleep,
  memoryStore,
  quietLogger,
  settingsOf,
} from "./helpers.ts";

const at = (iso: string) => new Date(iso);

describe("track identities", () => {
  it("keeps a track's identity, and hands a vanished track's to the one that took its talks", () => {
    const known = new Map([
      ["arch", { identity: "arch", talkIds: ["a1", "a2", "a3"] }],
      ["culture", { identity: "culture", talkIds: ["c1"] }],
    ]);
    const ids = inheritIdentities(known, [
      { id: "culture", talkIds: ["c1"] },
      { id: "architectures", talkIds: ["a1", "a2", "a4"] },
      { id: "brand-new", talkIds: ["n1"] },
    ]);
    expect([...ids]).toEqual([
      ["culture", "culture"],
      ["architectures", "arch"],
      ["brand-new", "brand-new"],
    ]);
    // Taking one talk from a vanished track is not a rename.
    expect(
      inheritIdentities(known, [{ id: "other", talkIds: ["a1", "x1", "x2"] }]).get("other"),
    ).toBe("other");
  });

  it("announces a slot once when its track is renamed after the digest went out", async () => {
    const v1 = catalogOf(
      "Europe/London",
      ["Architecture"],
      [{ id: "a1", track: "Architecture", start: at("2020-03-03T10:35:00Z") }],
    );
    // The next release renames the track; its id, made from the name, changes too.
    const v2: Catalog = {
      ...v1,
      tracks: [{ id: "architectures", eventId: "ev", name: "Architectures" }],
      talks: v1.talks.map((t) => ({ ...t, trackId: "architectures" })),
    };
    let catalog = v1;
    const clock = new FixedClock(at("2020-03-03T10:25:00Z"));
    const slack = fakeSlack(clock);
    const runner = startDigests({
      settings: settingsOf(),
      current: currentFrom(() => catalog),
      port: digestPort(slack),
      store: await memoryStore(),
      clock,
      logger: quietLogger(),
      heartbeat: () => ({ stop() {} }),
      engine: { sleep: instantSleep() },
    });
    await runner.tick();
    await runner.idle();
    catalog = v2;
    clock.advance(60_000);
    await runner.tick();
    await runner.idle();
    await runner.stop();
    expect(slack.posts).toHaveLength(1);
  });
});
