import { describe, expect, it } from "vitest";
import { diff } from "../../src/catalog/diff.ts";
import type { DigestSettings } from "../../src/digest/settings.ts";
import { affectedPeople } from "../../src/schedule/affected-people.ts";
import { type ChangeNotice, noticesFor } from "../../src/schedule/notices.ts";
import { zonesOf } from "../../src/schedule/relevance.ts";
import { berlinTime, oneChannel, release36c3 } from "./posted.ts";

const perTrack: DigestSettings = {
  ...oneChannel,
  rules: [
    { track: "Art & Culture", channel: "#art", exclude: false },
    { track: "Resilience & Sustainability", channel: "#resilience", exclude: false },
    { track: "Entertainment", exclude: true },
  ],
};

function notices(from: number, to: number, settings: DigestSettings, local: string) {
  return noticesFor({
    changeId: `r${to}`,
    changes: diff(release36c3(from), release36c3(to)),
    catalog: release36c3(to),
    previous: release36c3(from),
    settings,
    now: berlinTime(local),
  });
}

/** "kind talk title" per track, for reading. */
const listed = (n: ChangeNotice | undefined) =>
  Object.fromEntries(
    (n?.tracks ?? []).map((t) => [
      t.trackName,
      t.items.map((i) => `${i.kind} ${i.change.after?.title ?? i.change.before?.title}`),
    ]),
  );

describe("change notices, one per digest channel", () => {
  it("tells each channel the changes of its own tracks, and none of a track left out", () => {
    const out = notices(2, 3, perTrack, "2019-12-27T10:00");
    expect(out.map((n) => n.key)).toEqual([
      "notice:r3:#art",
      "notice:r3:#resilience",
      "notice:r3:#up-next",
    ]);
    const [art, resilience, rest] = out;
    expect(listed(art)).toEqual({
      "Art & Culture": [
        "removed Environmental impact of Surveillance, Adtech and Legacy Code",
        "moved Art against Facebook",
      ],
    });
    expect(listed(resilience)["Resilience & Sustainability"]).toEqual([
      "speakers Reducing Carbon in the Digital Realm",
      "removed Reusing ICT equipment, why & how",
      "speakers HUMUS sapiens",
      "removed How Data-driven Technology Helps the Expansion of Solar and Wind Energy in South Korea",
    ]);
    expect(Object.keys(listed(rest))).toEqual([
      "CCC",
      "Ethics, Society & Politics",
      "Hardware & Making",
      "Security",
    ]);
    // Entertainment is left out of digests, so of notices too.
    expect(JSON.stringify(out)).not.toContain("Hacker Jeopardy");
    expect(art?.tracks[0]?.timeZone).toBe("Europe/Berlin");
    expect(art?.deadline.toISOString()).toBe("2019-12-30T11:10:00.000Z");
  });

  it("lists only talks that have not ended, and posts nothing where nothing is left", () => {
    const out = notices(2, 3, perTrack, "2019-12-29T18:00");
    expect(out.map((n) => n.channel)).toEqual(["#art", "#resilience"]);
    expect(listed(out[0])).toEqual({ "Art & Culture": ["moved Art against Facebook"] });
    expect(listed(out[1])).toEqual({
      "Resilience & Sustainability": [
        "removed How Data-driven Technology Helps the Expansion of Solar and Wind Energy in South Korea",
      ],
    });
    expect(notices(2, 3, perTrack, "2019-12-31T00:00")).toEqual([]);
  });

  it("posts nothing in a channel whose tracks the release did not touch", () => {
    const science: DigestSettings = {
      enabled: true,
      defaultLeadMinutes: 10,
      rules: [{ track: "Science", channel: "#science", exclude: false }],
    };
    expect(notices(0, 1, science, "2019-12-27T10:00")).toEqual([]);
    expect(notices(1, 2, science, "2019-12-27T10:00").map((n) => n.key)).toEqual([
      "notice:r2:#science",
    ]);
    expect(notices(0, 1, { ...science, enabled: false }, "2019-12-27T10:00")).toEqual([]);
  });

  it("tells a room rename once, and a talk that changed track to both tracks' channels", () => {
    const out = notices(1, 2, perTrack, "2019-12-27T10:00");
    const byChannel = new Map(out.map((n) => [n.channel, n]));
    const all = out.flatMap((n) => n.tracks.flatMap((t) => t.items));
    expect(all.filter((i) => i.kind === "moved")).toEqual([]);
    const rest = byChannel.get("#up-next");
    expect(rest?.roomRenames.map((r) => [r.from, r.to, r.timeZone])).toEqual([
      ["Adams", "Ada", "Europe/Berlin"],
    ]);
    expect(listed(byChannel.get("#art"))["Art & Culture"]).toContain(
      "left Today's digital industry is unsustainable so where to go?",
    );
    expect(listed(byChannel.get("#resilience"))["Resilience & Sustainability"]).toEqual(
      expect.arrayContaining([
        "joined Today's digital industry is unsustainable so where to go?",
        "retitled Today's digital industry is unsustainable so where to go?",
      ]),
    );
    // Once every talk in the renamed room is over, nobody needs telling.
    expect(notices(1, 2, perTrack, "2019-12-31T00:00")).toEqual([]);
  });
});

describe("the people a release affects", () => {
  const stars = new Map<string, string[]>([
    ["9af057bd-eb94-41f6-8005-f322ecf66662", ["U1"]], // Art against Facebook: moved
    ["d1b8ed3f-2c22-47d2-9aca-0f9d3cf48eb8", ["U1", "U3"]], // Hacker Jeopardy: moved
    ["0d0cb392-278b-4b74-abfc-58a87a38a074", ["U2"]], // cancelled
    ["6e8bbd1d-unchanged", ["U4"]],
  ]);
  const starrersOf = (id: string) => new Set(stars.get(id) ?? []);
  const people = (local: string) =>
    affectedPeople({
      changeId: "r3",
      changes: diff(release36c3(2), release36c3(3)),
      starrersOf,
      zoneOf: zonesOf(release36c3(3)),
      now: berlinTime(local),
    });

  it("sends each person who starred a changed talk one DM listing theirs, in programme order", () => {
    const out = people("2019-12-27T10:00");
    expect(out.map((d) => [d.key, d.channel])).toEqual([
      ["change-dm:r3:U1", "U1"],
      ["change-dm:r3:U2", "U2"],
      ["change-dm:r3:U3", "U3"],
    ]);
    expect(out[0]?.changes.map((c) => c.change.after?.title)).toEqual([
      "Hacker Jeopardy",
      "Art against Facebook",
    ]);
    expect(out[0]?.changes[0]?.timeZone).toBe("Europe/Berlin");
    expect(out[1]?.changes.map((c) => c.change.kinds)).toEqual([["removed"]]);
    // Until the later of the old and the new time of the last talk listed.
    expect(out[0]?.deadline.toISOString()).toBe("2019-12-30T11:10:00.000Z");
  });

  it("leaves out talks that have ended, and a move counts until its old time has passed too", () => {
    const out = people("2019-12-29T23:00");
    expect(out.map((d) => d.userId)).toEqual(["U1"]);
    expect(out[0]?.changes.map((c) => c.change.after?.title)).toEqual(["Art against Facebook"]);
    expect(people("2019-12-31T00:00")).toEqual([]);
  });
});

describe("change notices in the combined digest's channel", () => {
  it("tells the combined channel every track it lists, once, beside the tracks' own channels", () => {
    const settings: DigestSettings = {
      ...perTrack,
      defaultChannel: "#fosdem",
      combined: { channel: "#fosdem", tracks: ["Art & Culture", "Entertainment", "CCC"] },
    };
    const out = notices(2, 3, settings, "2019-12-27T10:00");
    expect(out.map((n) => n.key)).toEqual([
      "notice:r3:#art",
      "notice:r3:#fosdem",
      "notice:r3:#resilience",
    ]);
    const shared = listed(out[1]);
    // Art & Culture has its own channel and is listed in the combined digest: told in both.
    expect(shared["Art & Culture"]).toEqual(listed(out[0])["Art & Culture"]);
    // Excluded everywhere, so in no notice either.
    expect(shared).not.toHaveProperty("Entertainment");
    expect(out[1]?.tracks.filter((t) => t.trackName === "CCC")).toHaveLength(1);
  });
});
