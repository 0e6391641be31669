import { describe, expect, it } from "vitest";
import { loadAgenda } from "../../src/agenda/agenda.ts";
import { parsePersonalCommand } from "../../src/agenda/personal-command.ts";
import { calendarUrl, newCalendarToken } from "../../src/calendar/calendar-url.ts";
import { FixedClock } from "../../src/clock.ts";
import { lookupOf } from "../../src/present/talk-view.ts";
import { createCachedSearch } from "../../src/search/cached-search.ts";
import { createHomePublisher } from "../../src/slack/home-publisher.ts";
import { type PersonalDeps, personalAnswer } from "../../src/slack/personal-answers.ts";
import { catalogOf, memoryStore, quietLogger } from "../digest/helpers.ts";
import { allTexts, blockKitViolations } from "../e2e/block-kit-rules.ts";

const at = (iso: string) => new Date(iso);
const catalog = catalogOf(
  "Europe/London",
  ["A"],
  [
    { id: "k1", track: "A", start: at("2020-03-03T10:35:00Z"), title: "Kafka at scale" },
    { id: "k2", track: "A", start: at("2020-03-03T11:50:00Z"), title: "Teams" },
  ],
);
const talks = new Map(catalog.talks.map((t) => [t.id, t]));
const finder = { talk: (id: string) => talks.get(id), lookup: lookupOf(catalog) };

async function setUp(publicUrl: string | null = "https://talkbot.example/") {
  const store = await memoryStore();
  const agenda = await loadAgenda({ store, logger: quietLogger(), pollMs: 0 });
  const deps: PersonalDeps = {
    agenda,
    finder: () => finder,
    calendar: { publicUrl, store, newToken: newCalendarToken, feedUrl: calendarUrl },
  };
  const ask = async (text: string, user = "U1") => {
    const command = parsePersonalCommand(text);
    if (!command) throw new Error(`not personal: ${text}`);
    const message = await personalAnswer(deps, command, user, at("2020-03-03T09:00:00Z"));
    expect(blockKitViolations(message)).toEqual([]);
    return allTexts(message).join("\n");
  };
  return { store, agenda, deps, ask };
}

describe("personal answers", () => {
  it("shows only the asker's agenda, and changes only their reminders", async () => {
    const { agenda, ask, store } = await setUp();
    await agenda.star("U1", "k2", true);
    await agenda.star("U2", "k1", true);
    const mine = await ask("my agenda");
    expect(mine).toContain("Teams");
    expect(mine).not.toContain("Kafka at scale");
    expect(await ask("remind 15")).toContain("reminder by dm 15 min before");
    expect(agenda.remindMinutes("U1")).toBe(15);
    expect(agenda.remindMinutes("U2")).toBe(10);
    expect(await ask("remind 7")).toContain("“7” is not a choice");
    expect(await ask("remind off")).toContain("no more reminder DMs");
    await store.close();
  });

  it("hands out one private feed URL, and a new one on reset that retires the old", async () => {
    const { ask, store } = await setUp();
    const first = await ask("calendar");
    const url = /https:\/\/talkbot\.example\/calendar\/([\w-]+)\.ics/.exec(first);
    expect(url).not.toBeNull();
    const token = url?.[1] as string;
    expect(token.length).toBeGreaterThanOrEqual(22);
    expect(await ask("calendar")).toContain(token);
    const reset = await ask("calendar reset");
    expect(reset).toContain("old calendar link no longer works");
    expect(reset).not.toContain(token);
    expect(await store.userForToken(token)).toBeNull();
    expect(await ask("calendar", "U2")).not.toContain(token);
    await store.close();
  });

  it("says what to set when there is no public URL", async () => {
    const { ask, store } = await setUp(null);
    expect(await ask("calendar")).toContain("TALKBOT_PUBLIC_URL");
    await store.close();
  });
});

describe("App Home publisher", () => {
  it("publishes on open, then again on changes only for people who opened it", async () => {
    const { agenda, deps, store } = await setUp();
    const published: { user_id: string; blocks: number; text: string }[] = [];
    const homes = createHomePublisher({
      client: {
        views: {
          publish: async ({ user_id, view }) => {
            published.push({
              user_id,
              blocks: view.blocks.length,
              text: allTexts({ text: "x", blocks: view.blocks }).join("\n"),
            });
          },
        },
      },
      agenda,
      catalog: deps.finder,
      search: () => createCachedSearch(catalog),
      calendar: deps.calendar,
      clock: new FixedClock(at("2020-03-03T09:00:00Z")),
      logger: quietLogger(),
      pacingMs: 0,
    });
    await agenda.openedHome("U1");
    await homes.publish("U1");
    expect(published[0]?.text).toContain("Nothing starred yet");
    expect(published[0]?.text).toMatch(/calendar\/[\w-]+\.ics\|your personal feed/);
    await agenda.star("U1", "k1", true);
    homes.refresh(["U1", "U2"]);
    await homes.idle();
    expect(published.map((p) => p.user_id)).toEqual(["U1", "U1"]);
    expect(published[1]?.text).toContain("Kafka at scale");
    homes.stop();
    await store.close();
  });
});
