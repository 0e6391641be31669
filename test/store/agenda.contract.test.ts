import { describe, expect, it } from "vitest";
import { testEngines, twoConnections } from "../support/stores.ts";

/** Stars, settings and calendar tokens: the same on every engine, seen across connections. */
describe.each(testEngines)("agenda store on $name", (engine) => {
  const two = twoConnections(engine);

  it("syncs stars and unstars to another connection from a cursor", async () => {
    const [a, b] = await two();
    const start = await b.starsSince(0);
    expect(start.rows).toEqual([]);
    await a.setStar("U1", "t1", true);
    await a.setStar("U1", "t2", true);
    await a.setStar("U2", "t1", true);
    const first = await b.starsSince(start.until - 1000);
    expect(first.rows).toHaveLength(3);
    await a.setStar("U1", "t2", false);
    const next = await b.starsSince(first.until - 1000);
    expect(next.rows).toContainEqual({ userId: "U1", talkId: "t2", starred: false });
    expect(await b.starCounts()).toEqual([{ talkId: "t1", count: 2 }]);
  });

  it("keeps reminder settings and says when App Home was opened the first time", async () => {
    const [a, b] = await two();
    await a.setRemindMinutes("U1", 15);
    await a.setRemindMinutes("U2", 0);
    expect(await b.markHomeOpened("U1")).toBe(true);
    expect(await a.markHomeOpened("U1")).toBe(false);
    expect(await b.markHomeOpened("U3")).toBe(true);
    const people = (await b.peopleSince(0)).rows.sort((x, y) => x.userId.localeCompare(y.userId));
    expect(people).toEqual([
      { userId: "U1", remindMinutes: 15, homeOpened: true },
      { userId: "U2", remindMinutes: 0, homeOpened: false },
      { userId: "U3", remindMinutes: null, homeOpened: true },
    ]);
  });

  it("hands out one calendar token per person, even to racing requests, and revokes it on reset", async () => {
    const [a, b] = await two();
    let n = 0;
    const fresh = () => `token-${++n}`;
    const raced = await Promise.all([a.calendarToken("U1", fresh), b.calendarToken("U1", fresh)]);
    expect(raced[0]).toBe(raced[1]);
    expect(await b.calendarToken("U1", fresh)).toBe(raced[0]);
    expect(await a.userForToken(raced[0])).toBe("U1");
    const renewed = await b.resetCalendarToken("U1", fresh);
    expect(renewed).not.toBe(raced[0]);
    expect(await a.userForToken(raced[0])).toBeNull();
    expect(await a.userForToken(renewed)).toBe("U1");
    expect(await a.userForToken("nobody")).toBeNull();
  });
});
