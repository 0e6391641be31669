import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  calendarUrl,
  isCalendarToken,
  newCalendarToken,
  parseCalendarPath,
  talkCalendarUrl,
} from "../../src/calendar/calendar-url.ts";
import { talkUid } from "../../src/calendar/ics.ts";
import { type CalendarDeps, calendarHandler, calendarRoutes } from "../../src/calendar/routes.ts";
import { loadCatalogFile } from "../../src/catalog/load.ts";
import { FixedClock } from "../../src/clock.ts";
import { createHttpReceiver } from "../../src/slack/http/http-receiver.ts";
import { MemoryReplayGuard } from "../../src/slack/http/replay-guard.ts";
import { snapshotOf } from "../../src/snapshot.ts";
import { memoryLogger } from "../slack/fixtures.ts";
import { parseIcs } from "./parse-ics.ts";

const seed = loadCatalogFile(new URL("../../data/catalog.json", import.meta.url).pathname);
const exchange = "qcon-london-2020/evolution-of-financial-exchange-architectures";
const controlPlanes = "qcon-london-2020/managing-systems-in-an-age-of-dynamic-complexity";

const ada = newCalendarToken();
const revoked = newCalendarToken();
const neverIssued = newCalendarToken();
const failing = newCalendarToken();

interface Fixture {
  deps: CalendarDeps;
  clock: FixedClock;
  logger: ReturnType<typeof memoryLogger>;
  stars: Map<string, string[]>;
  lookups: string[];
}

function fixture(): Fixture {
  const clock = new FixedClock(new Date("2020-03-01T12:00:00Z"));
  const logger = memoryLogger();
  const stars = new Map([["U_ADA", [exchange]]]);
  const tokens = new Map([[ada, "U_ADA"]]);
  const lookups: string[] = [];
  return {
    clock,
    logger,
    stars,
    lookups,
    deps: {
      current: () => snapshotOf(seed),
      async userForToken(token) {
        lookups.push(token);
        if (token === failing) throw new Error(`connection reset while reading ${token}`);
        // `revoked` was issued once; a reset removed it, so the store no longer knows it.
        return tokens.get(token) ?? null;
      },
      starsOf: (user) => stars.get(user) ?? [],
      clock,
      logger,
    },
  };
}

/** Where each server kind puts the calendar: a bare node server, and Bolt's receiver as HTTP mode builds it. */
const servers = {
  "a plain node:http server": async (deps: CalendarDeps) => {
    const server = createServer(calendarHandler(deps));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return server;
  },
  "Bolt's HTTP receiver (custom routes)": async (deps: CalendarDeps) => {
    const receiver = createHttpReceiver({
      signingSecret: "8f742231b10e8888abcd99b1b2b3b4b5",
      customRoutes: calendarRoutes(deps),
      logger: deps.logger as ReturnType<typeof memoryLogger>,
      clock: deps.clock,
      replayGuard: new MemoryReplayGuard(deps.clock),
    });
    return receiver.start({ port: 0, host: "127.0.0.1" });
  },
};

describe.each(Object.entries(servers))("calendar routes on %s", (_name, start) => {
  let f: Fixture;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    f = fixture();
    server = await start(f.deps);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    f.stars.set("U_ADA", [exchange]);
  });

  it("serves the person's starred talks as text/calendar", async () => {
    const res = await fetch(calendarUrl(base, ada));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    expect(res.headers.get("etag")).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    const body = await res.text();
    expect(Number(res.headers.get("content-length"))).toBe(Buffer.byteLength(body));
    const event = parseIcs(body).byUid(talkUid({ id: exchange, eventId: "qcon-london-2020" }));
    expect(event.startDate.toJSDate().toISOString()).toBe("2020-03-03T10:35:00.000Z");
  });

  it("answers HEAD with the same headers and no body", async () => {
    const get = await fetch(calendarUrl(base, ada));
    const getBody = await get.text();
    const head = await fetch(calendarUrl(base, ada), { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toBe(get.headers.get("etag"));
    expect(head.headers.get("content-length")).toBe(String(Buffer.byteLength(getBody)));
    expect(await head.text()).toBe("");
  });

  it("answers 304 to a poll with the current ETag, even after the clock moved", async () => {
    const first = await fetch(calendarUrl(base, ada));
    const etag = first.headers.get("etag") as string;
    f.clock.advance(3_600_000);
    const again = await fetch(calendarUrl(base, ada), { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");
    const listed = await fetch(calendarUrl(base, ada), {
      headers: { "if-none-match": `"other", ${etag.replace(/^W\//, "")}` },
    });
    expect(listed.status).toBe(304);
  });

  it("changes (new ETag, 200) when the person stars another talk", async () => {
    const first = await fetch(calendarUrl(base, ada));
    const etag = first.headers.get("etag") as string;
    f.stars.set("U_ADA", [exchange, controlPlanes]);
    const res = await fetch(calendarUrl(base, ada), { headers: { "if-none-match": etag } });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).not.toBe(etag);
    expect(parseIcs(await res.text()).events).toHaveLength(2);
  });

  it("serves one talk without a token, its id's slash escaped or not", async () => {
    const url = talkCalendarUrl(base, exchange);
    expect(url).toContain("/calendar/talk/qcon-london-2020%2Fevolution");
    for (const u of [url, `${base}/calendar/talk/${exchange}.ics`]) {
      const res = await fetch(u);
      expect(res.status, u).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-cache");
      const parsed = parseIcs(await res.text());
      expect(parsed.events.map((e) => e.summary)).toEqual([
        "Evolution of Financial Exchange Architectures",
      ]);
    }
  });

  describe("everything it cannot serve gets one and the same 404", () => {
    const cases = {
      "a token never issued": () => calendarUrl(base, neverIssued),
      "a revoked token": () => calendarUrl(base, revoked),
      "a token of the wrong shape": () => `${base}/calendar/not-a-token.ics`,
      "a token with characters base64url has not": () =>
        `${base}/calendar/${ada.slice(0, 30)}%2B%2B%2B%2B.ics`,
      "an unknown talk": () => talkCalendarUrl(base, "qcon-london-2020/no-such-talk"),
      "a talk without a start": () => talkCalendarUrl(base, unscheduledTalk()),
      "no .ics": () => `${base}/calendar/${ada}`,
      "a deeper path": () => `${base}/calendar/${ada}/x.ics`,
      "an empty talk id": () => `${base}/calendar/talk/.ics`,
      "a malformed %-escape": () => `${base}/calendar/talk/%E0%A4%A.ics`,
      "a malformed %-escape where the token goes": () => `${base}/calendar/${ada}%E0.ics`,
      "the bare prefix": () => `${base}/calendar/`,
    };

    it.each(Object.entries(cases))("%s", async (_what, url) => {
      const reference = await snapshot(await fetch(calendarUrl(base, neverIssued)));
      const res = await snapshot(await fetch(url()));
      expect(res).toEqual(reference);
      expect(reference).toEqual({
        status: 404,
        body: "Not found",
        headers: {
          "cache-control": "no-store",
          "content-length": "9",
          "content-type": "text/plain; charset=utf-8",
        },
      });
    });

    it("asks the store only about tokens of the right shape", async () => {
      f.lookups.length = 0;
      await fetch(`${base}/calendar/not-a-token.ics`);
      await fetch(`${base}/calendar/${"a".repeat(21)}.ics`);
      await fetch(`${base}/calendar/${"a".repeat(65)}.ics`);
      expect(f.lookups).toEqual([]);
      await fetch(calendarUrl(base, revoked));
      expect(f.lookups).toEqual([revoked]);
    });
  });

  it("answers 503 (not 404, which may end a subscription) when the store fails", async () => {
    const res = await fetch(calendarUrl(base, failing));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("60");
    const logged = JSON.stringify(f.logger.lines.map((l) => l.args.map(String)));
    expect(logged).toContain("connection reset while reading [token]");
  });

  it("refuses other methods", async () => {
    const res = await fetch(calendarUrl(base, ada), { method: "POST", body: "x" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
  });

  it("never logs a token", async () => {
    await fetch(`${base}/calendar/${ada}%E0.ics`);
    await fetch(`${base}/calendar/${ada}`, { method: "DELETE" });
    const logged = JSON.stringify(f.logger.lines.map((l) => l.args.map(String)));
    for (const token of [ada, revoked, neverIssued, failing]) expect(logged).not.toContain(token);
  });
});

function unscheduledTalk(): string {
  const id = seed.talks.find((t) => !t.start)?.id;
  if (!id) throw new Error("the seed catalog has no talk without a start");
  return id;
}

async function snapshot(res: Response) {
  const headers: Record<string, string> = {};
  for (const [k, v] of res.headers) {
    if (!["date", "connection", "keep-alive"].includes(k)) headers[k] = v;
  }
  return { status: res.status, body: await res.text(), headers };
}

describe("calendar URLs and tokens", () => {
  it("makes tokens of 256 random bits that the routes accept", () => {
    const tokens = new Set(Array.from({ length: 1000 }, newCalendarToken));
    expect(tokens.size).toBe(1000);
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(isCalendarToken(t)).toBe(true);
      expect(Buffer.from(t, "base64url")).toHaveLength(32);
    }
  });

  it("builds URLs under the public URL, with or without its trailing slash", () => {
    expect(calendarUrl("https://talkbot.example/", "abc")).toBe(
      "https://talkbot.example/calendar/abc.ics",
    );
    expect(talkCalendarUrl("https://talkbot.example/bot", "36c3/a b?c#d")).toBe(
      "https://talkbot.example/bot/calendar/talk/36c3%2Fa%20b%3Fc%23d.ics",
    );
  });

  it("reads back what it builds", () => {
    const id = "36c3/a b?c#d.ics%";
    const path = new URL(talkCalendarUrl("http://x", id));
    expect(parseCalendarPath(path.pathname + path.search)).toEqual({ kind: "talk", talkId: id });
    expect(parseCalendarPath(`/calendar/${ada}.ics?x=1`)).toEqual({ kind: "agenda", token: ada });
    expect(parseCalendarPath("/calendar/talk/%E0.ics")).toBeNull();
    expect(parseCalendarPath("/calendars/x.ics")).toBeNull();
  });
});
