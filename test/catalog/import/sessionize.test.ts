import { beforeAll, describe, expect, it } from "vitest";
import { CatalogError } from "../../../src/catalog/catalog-error.ts";
import {
  type ImportResult,
  importFiles,
  importTexts,
} from "../../../src/catalog/import/import-files.ts";
import { sessionizeEventId, splitTagLine } from "../../../src/catalog/import/sessionize.ts";
import { raw, sessionizeJson } from "./fixtures.ts";

interface RawSession {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  roomId: number;
  speakers: string[];
  isServiceSession: boolean;
}
interface RawSpeaker {
  id: string;
  fullName: string;
  tagLine: string | null;
}
const data = JSON.parse(raw(sessionizeJson)) as {
  sessions: RawSession[];
  speakers: RawSpeaker[];
  rooms: { id: number; name: string }[];
};

describe("importing a Sessionize “All” export", () => {
  let result: ImportResult;
  beforeAll(async () => {
    result = await importFiles([sessionizeJson], { timeZone: "America/Los_Angeles" });
  });

  it("refuses to guess the zone: Sessionize times carry no offset", async () => {
    const err = await importFiles([sessionizeJson]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogError);
    expect((err as Error).message).toContain(
      "(its times, e.g. 2025-06-03T09:00:00, carry no UTC offset): add --time-zone <IANA zone>",
    );
  });

  it("imports every session, speaker and room the file has", () => {
    const { catalog, skipped } = result;
    expect(skipped).toEqual([]);
    expect(data.sessions).toHaveLength(214);
    expect(catalog.talks).toHaveLength(data.sessions.length);
    // Speakers: the people on the sessions, by name (Sessionize holds two profiles of
    // a few people: 245 profiles, 240 people).
    const fullName = new Map(data.speakers.map((s) => [s.id, s.fullName]));
    const usedSpeakerIds = new Set(data.sessions.flatMap((s) => s.speakers));
    expect(usedSpeakerIds.size).toBe(245);
    const people = new Set([...usedSpeakerIds].map((id) => fullName.get(id)));
    const speakerNames = new Set(catalog.talks.flatMap((t) => t.speakers.map((s) => s.name)));
    expect(speakerNames).toEqual(people);
    expect(speakerNames.size).toBe(240);
    const usedRooms = new Set(data.sessions.map((s) => s.roomId));
    expect(new Set(catalog.talks.map((t) => t.room)).size).toBe(usedRooms.size);
    expect(catalog.events[0]).toMatchObject({
      id: "ai-engineer-worlds-fair-2025",
      name: null,
      timeZone: "America/Los_Angeles",
      startDate: "2025-06-03",
      endDate: "2025-06-05",
    });
  });

  it("reads local times in the zone given (Pacific daylight time in June)", () => {
    const talks = new Map(result.catalog.talks.map((t) => [t.id, t]));
    const rooms = new Map(data.rooms.map((r) => [r.id, r.name]));
    const speakers = new Map(data.speakers.map((s) => [s.id, s.fullName]));
    for (const s of data.sessions) {
      const talk = talks.get(`sessionize-${s.id}`);
      expect(talk, s.id).toBeDefined();
      expect(talk?.start).toBe(`${s.startsAt}-07:00`);
      expect(talk?.end).toBe(`${s.endsAt}-07:00`);
      expect(talk?.date).toBe(s.startsAt.slice(0, 10));
      expect(talk?.room).toBe(rooms.get(s.roomId));
      expect(talk?.title).toBe(s.title.trim());
      const names = [...new Set(s.speakers.map((id) => speakers.get(id)))];
      expect(talk?.speakers.map((p) => p.name)).toEqual(names);
      expect(talk?.format).toBe(s.isServiceSession ? "break" : "talk");
    }
  });

  it("splits “Role at Company” tag lines and keeps others whole as the role", () => {
    const talks = new Map(result.catalog.talks.map((t) => [t.id, t]));
    const profiles = new Map(data.speakers.map((s) => [s.id, s]));
    let split = 0;
    for (const session of data.sessions) {
      const speakers = talks.get(`sessionize-${session.id}`)?.speakers ?? [];
      for (const id of session.speakers) {
        const profile = profiles.get(id);
        // With two profiles on one session the first one speaks for the person.
        const first = session.speakers.find(
          (other) => profiles.get(other)?.fullName === profile?.fullName,
        );
        if (!profile || first !== id) continue;
        const speaker = speakers.find((s) => s.name === profile.fullName);
        const line = (profile.tagLine ?? "").trim();
        const at = [line.indexOf(" at "), line.indexOf(" @ ")].filter((i) => i > 0);
        if (at.length > 0) {
          const i = Math.min(...at);
          expect(speaker?.role, line).toBe(line.slice(0, i).trim());
          expect(speaker?.company, line).toBe(line.slice(i + 3).trim());
          split++;
        } else {
          expect(speaker?.role, line).toBe(line ? line.replace(/\s+/g, " ") : undefined);
          expect(speaker?.company, line).toBeUndefined();
        }
      }
    }
    expect(split).toBeGreaterThan(20);
    expect(splitTagLine("Partner at Amplify Partners")).toEqual({
      role: "Partner",
      company: "Amplify Partners",
    });
    expect(splitTagLine("Product Manager for MCP @Anthropic")).toEqual({
      role: "Product Manager for MCP",
      company: "Anthropic",
    });
    expect(splitTagLine("CEO, Braintrust")).toEqual({ role: "CEO, Braintrust" });
    expect(splitTagLine("reach me: jane@example.com")).toEqual({
      role: "reach me: jane@example.com",
    });
  });

  it("takes the track from the “Track” category, tags from the others, and keeps breaks", () => {
    const text = JSON.stringify({
      sessions: [
        {
          id: "1",
          title: "Evals in production",
          startsAt: "2025-03-30T01:30:00",
          endsAt: "2025-03-30T03:30:00",
          speakers: ["s1"],
          categoryItems: [11, 21, 31],
          roomId: 7,
          isServiceSession: false,
        },
        {
          id: "2",
          title: "Lunch",
          startsAt: "2025-03-30T12:00:00",
          endsAt: "2025-03-30T13:00:00",
          speakers: [],
          categoryItems: [],
          roomId: 7,
          isServiceSession: true,
        },
      ],
      speakers: [{ id: "s1", fullName: "Ana Pérez", tagLine: "Staff Engineer @ Acme" }],
      rooms: [{ id: 7, name: "Hall A" }],
      categories: [
        { id: 1, title: "Track", items: [{ id: 11, name: "AI Engineering" }] },
        { id: 2, title: "Session format", items: [{ id: 21, name: "Workshop" }] },
        { id: 3, title: "Level", items: [{ id: 31, name: "Advanced" }] },
      ],
    });
    const { catalog } = importTexts([{ file: "devconf-all.json", text }], {
      timeZone: "Europe/Paris",
    });
    expect(catalog.events[0]?.id).toBe("devconf");
    expect(catalog.tracks).toEqual([
      {
        id: "devconf:ai-engineering",
        eventId: "devconf",
        name: "AI Engineering",
        date: "2025-03-30",
        room: "Hall A",
      },
    ]);
    const [evals, lunch] = catalog.talks;
    // 30 March 2025: Paris springs forward at 02:00, so 01:30 is +01:00 and 03:30 is +02:00.
    expect(evals).toMatchObject({
      trackId: "devconf:ai-engineering",
      format: "workshop",
      tags: ["Advanced"],
      start: "2025-03-30T01:30:00+01:00",
      end: "2025-03-30T03:30:00+02:00",
      speakers: [{ name: "Ana Pérez", role: "Staff Engineer", company: "Acme" }],
    });
    expect(lunch).toMatchObject({ title: "Lunch", format: "break", trackId: null, speakers: [] });
  });

  it("names the event after the file, whatever the browser added to its name", () => {
    expect(sessionizeEventId("devconf-all.json")).toBe("devconf");
    expect(sessionizeEventId("devconf-all (1).json")).toBe("devconf");
    expect(sessionizeEventId("DevConf 2026_All.json")).toBe("devconf-2026");
    expect(sessionizeEventId("all.json")).toBe("all");
  });
});
