import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { loadAgenda } from "../../src/agenda/agenda.ts";
import { FixedClock } from "../../src/clock.ts";
import { runLocal } from "../../src/local/run-local.ts";
import { startTerminalReminders } from "../../src/local/terminal-reminders.ts";
import { catalogOf, memoryStore } from "../digest/helpers.ts";
import { currentOf, silentLogger } from "../support/snapshots.ts";

const at = (iso: string) => new Date(iso);
const catalog = catalogOf(
  "Europe/London",
  ["Architectures"],
  [
    {
      id: "a",
      track: "Architectures",
      start: at("2020-03-03T10:35:00Z"),
      title: "Kafka at scale",
      room: "Fleming",
    },
    { id: "b", track: "Architectures", start: at("2020-03-03T11:00:00Z"), title: "Kafka streams" },
  ],
);

/** The terminal session with its agenda, as main builds it, over an in-memory store. */
async function session(lines: string, clock = new FixedClock(at("2020-03-03T09:00:00Z"))) {
  const store = await memoryStore();
  const agenda = await loadAgenda({ store, logger: silentLogger, pollMs: 0 });
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk) => {
    text += String(chunk);
  });
  const deps = { current: currentOf(catalog), clock, logger: silentLogger, agenda };
  const done = runLocal(deps, { input, output, interactive: false });
  input.end(lines);
  await done;
  return { text, agenda, store, deps };
}

describe("the terminal's agenda", () => {
  it("stars by answer number, lists the agenda by day with clashes, and unstars by agenda number", async () => {
    const { text, store } = await session(
      "/talk kafka\nstar 1\nstar 2\nagenda\nremind 5\nunstar 2\nagenda\nremind 7\n",
    );
    expect(text).toContain("Starred: Kafka at scale · reminder 10 min before");
    expect(text).toContain("── Tue 3 Mar 2020");
    expect(text).toMatch(/1\. Kafka at scale {2}\(next\)\n.*\n {4}! overlaps with Kafka streams/);
    expect(text).toContain("Reminder by DM 5 min before each starred talk.");
    expect(text).toContain("Unstarred: Kafka streams");
    expect(text.split("Your agenda: ").at(-1)).toMatch(/^1 starred talk/);
    expect(text).toContain("Reminders can come off, 5, 10, 15 or 30 minutes before");
    await store.close();
  });

  it("prints a starred talk's reminder once on the clock, through the engine", async () => {
    const clock = new FixedClock(at("2020-03-03T10:00:00Z"));
    const { agenda, store, deps } = await session("/talk kafka\nstar 1\n", clock);
    const printed: string[] = [];
    const reminders = startTerminalReminders({
      ...deps,
      agenda,
      store,
      speed: 1,
      write: (t) => printed.push(t),
    });
    for (const iso of ["2020-03-03T10:20:00Z", "2020-03-03T10:25:00Z", "2020-03-03T10:30:00Z"]) {
      clock.set(at(iso));
      await reminders.tick();
      await reminders.idle();
    }
    await reminders.stop();
    expect(printed).toEqual([
      "[reminder → you] In 10 min in Fleming: Kafka at scale (Tue 3 Mar 2020, 10:35–11:05 GMT)\n",
    ]);
    await store.close();
  });
});
