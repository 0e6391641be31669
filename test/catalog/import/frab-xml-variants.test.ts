import { describe, expect, it } from "vitest";
import { importTexts } from "../../../src/catalog/import/import-files.ts";

/** Layouts other frab/pentabarf generators produce, beside FOSDEM's. */
describe("frab XML variants", () => {
  it("reads an older pentabarf export: no guid, CDATA and raw HTML abstracts, <name> persons", () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<schedule>
  <conference>
    <title>Linux Days</title>
    <start>2019-10-05</start>
    <end>2019-10-06</end>
    <day_change>08:00</day_change>
  </conference>
  <day date="2019-10-05" index="1">
    <room name="Hall 1">
      <event id="42">
        <start>10:00</start>
        <duration>01:30:00</duration>
        <title>Kernel walkthrough</title>
        <subtitle>From boot to init</subtitle>
        <track>Kernel</track>
        <type>Workshop</type>
        <abstract><![CDATA[<p>Bring a <em>laptop</em> & patience.</p>]]></abstract>
        <description><p>First part.</p><ul><li>build</li><li>boot</li></ul></description>
        <persons><person id="7"><name> Jana Nováková </name></person></persons>
      </event>
      <event id="43">
        <start>00:30</start>
        <duration>00:45</duration>
        <title>Midnight hacking</title>
        <type>lightning_talk</type>
        <persons/>
      </event>
    </room>
  </day>
</schedule>`;
    const { catalog, skipped } = importTexts([{ file: "linuxdays.xml", text: xml }], {
      timeZone: "Europe/Prague",
    });
    expect(skipped).toEqual([]);
    expect(catalog.events[0]).toMatchObject({
      id: "linux-days",
      name: "Linux Days",
      timeZone: "Europe/Prague",
    });
    const [kernel, midnight] = catalog.talks;
    expect(kernel).toMatchObject({
      id: "linux-days:42",
      trackId: "linux-days:kernel",
      title: "Kernel walkthrough",
      abstract: "From boot to init\n\nBring a laptop & patience.\n\nFirst part.\n\n- build\n- boot",
      speakers: [{ name: "Jana Nováková" }],
      start: "2019-10-05T10:00:00+02:00",
      end: "2019-10-05T11:30:00+02:00",
      room: "Hall 1",
      format: "workshop",
    });
    // Before the 08:00 day change: the small hours after the conference day's date.
    expect(midnight).toMatchObject({
      id: "linux-days:43",
      trackId: null,
      date: "2019-10-06",
      start: "2019-10-06T00:30:00+02:00",
      format: "lightning talk",
      speakers: [],
    });
  });

  it("skips an event with neither guid nor id, naming its line", () => {
    const xml = `<schedule><conference><acronym>x</acronym><time_zone_name>UTC</time_zone_name></conference>
<day date="2026-01-01"><room name="R">
<event><date>2026-01-01T10:00:00+00:00</date><duration>00:10</duration><title>Anonymous</title></event>
</room></day></schedule>`;
    const { skipped } = importTexts([{ file: "anon.xml", text: xml }]);
    expect(skipped).toEqual([
      {
        file: "anon.xml",
        id: "the event at line 3",
        title: "Anonymous",
        reason: "no guid and no id",
      },
    ]);
  });

  it("refuses an XML file that is not a schedule", () => {
    expect(() => importTexts([{ file: "feed.xml", text: "<rss><channel/></rss>" }])).toThrow(
      /root element is <rss>, not <schedule>/,
    );
  });

  it("reads a hand-written export: empty self-closing fields, local dates, zone from the flag", () => {
    const xml = `<schedule>
<conference><title>RustFest Rome 2018</title><acronym>rustfest-rome</acronym></conference>
<day index="1" date="2018-11-24" start="2018-11-24T09:30:00" end="2018-11-24T17:40:00">
<room name="Auditorium">
<event guid="rf-1" id="1"><date>2018-11-24T09:30:00</date><start>09:30</start><duration>0:40</duration>
<room>Auditorium</room><title>Opening</title><subtitle /><track /><type /><abstract>Hi &amp; welcome</abstract>
<description /><persons><person id="1">Ana</person></persons></event>
</room></day></schedule>`;
    const refused = () => importTexts([{ file: "schedule.xml", text: xml }]);
    expect(refused).toThrow(
      /does not say which time zone the event ran in \(its times, e\.g\. 2018-11-24T09:30:00, carry no UTC offset\): add --time-zone/,
    );
    const { catalog } = importTexts([{ file: "schedule.xml", text: xml }], {
      timeZone: "Europe/Rome",
    });
    expect(catalog.tracks).toEqual([]);
    expect(catalog.talks[0]).toMatchObject({
      id: "rf-1",
      trackId: null,
      start: "2018-11-24T09:30:00+01:00",
      end: "2018-11-24T10:10:00+01:00",
      abstract: "Hi & welcome",
      speakers: [{ name: "Ana" }],
    });
    expect(catalog.talks[0]?.format).toBeUndefined();
  });
});
