import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeFile } from "../../../src/catalog/import/decode-file.ts";
import { importFiles } from "../../../src/catalog/import/import-files.ts";

describe("reading export files", () => {
  it("reads an ISO-8859-1 pentabarf export as it declares itself", async () => {
    const xml = `<?xml version="1.0" encoding="ISO-8859-1"?>
<schedule><conference><acronym>fr</acronym><time_zone_name>Europe/Paris</time_zone_name></conference>
<day date="2026-06-01"><room name="Salle Hélène">
<event guid="g1"><date>2026-06-01T10:00:00+02:00</date><duration>00:30</duration><title>Café crème</title>
<persons><person id="1">François Müller</person></persons></event>
</room></day></schedule>`;
    const path = join(mkdtempSync(join(tmpdir(), "talkbot-decode-")), "latin1.xml");
    writeFileSync(path, Buffer.from(xml, "latin1"));
    const { catalog } = await importFiles([path]);
    expect(catalog.talks[0]).toMatchObject({
      title: "Café crème",
      room: "Salle Hélène",
      speakers: [{ name: "François Müller" }],
    });
  });

  it("reads UTF-16 with a byte order mark, and UTF-8 with or without one", () => {
    const text = '{"title": "Zürich ✨"}';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    expect(decodeFile(le)).toBe(text);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(decodeFile(bom)).toBe(text);
    expect(decodeFile(Buffer.from(text))).toBe(text);
  });

  it("refuses an encoding it cannot read, naming it", () => {
    expect(() => decodeFile(Buffer.from('<?xml version="1.0" encoding="x-klingon"?><a/>'))).toThrow(
      'the XML declares the encoding "x-klingon", which cannot be read here',
    );
  });
});
