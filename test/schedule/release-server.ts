import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../../src/log.ts";
import { c36c3, fosdemXml } from "../catalog/import/fixtures.ts";

/** The four 36C3 releases (frab JSON of that era: no zone, Europe/Berlin). */
export const releases36c3 = c36c3.map((f) => readFileSync(f, "utf8"));
export const fosdem = readFileSync(fosdemXml, "utf8");
export const berlin = "Europe/Berlin";

/** FOSDEM's XML stopped mid-file, as a failed upload leaves it. */
export const truncatedXml = fosdem.slice(0, Math.floor(fosdem.length / 3));

/** A 36C3 release with only its first `n` talks left: an export cut short. */
export function cutTo(release: string, n: number): string {
  const data = JSON.parse(release);
  let left = n;
  for (const day of data.schedule.conference.days) {
    for (const room of Object.keys(day.rooms)) {
      const keep = day.rooms[room].slice(0, Math.max(0, left));
      left -= keep.length;
      day.rooms[room] = keep;
    }
  }
  return JSON.stringify(data, null, 2);
}

export interface Served {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  status: number;
}

/**
 * A real HTTP server on 127.0.0.1 serving whatever `body` is now, with a strong
 * ETag and Last-Modified, answering 304 to a matching conditional request.
 */
export class ReleaseServer {
  body = "";
  /** When set, every request answers this status (a source that is down). */
  failWith: number | null = null;
  /** When true, requests get no answer (for timeouts). */
  hang = false;
  /** When false, no ETag / Last-Modified is sent (and conditional requests are ignored). */
  validators = true;
  readonly requests: Served[] = [];
  private server: Server | null = null;
  private lastModified = new Map<string, string>();
  private clock = Date.UTC(2019, 11, 27, 9, 0, 0);

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      const record = (status: number) =>
        this.requests.push({
          method: req.method ?? "",
          url: req.url ?? "",
          headers: req.headers,
          status,
        });
      if (this.hang) return; // left open until the client gives up
      if (this.failWith !== null) {
        record(this.failWith);
        res.writeHead(this.failWith, { "content-type": "text/plain" }).end("down for maintenance");
        return;
      }
      const etag = `"${createHash("sha1").update(this.body).digest("hex")}"`;
      let modified = this.lastModified.get(etag);
      if (!modified) {
        this.clock += 60_000;
        modified = new Date(this.clock).toUTCString();
        this.lastModified.set(etag, modified);
      }
      if (this.validators && req.headers["if-none-match"] === etag) {
        record(304);
        res.writeHead(304, { etag, "last-modified": modified }).end();
        return;
      }
      record(200);
      res
        .writeHead(200, {
          "content-type": this.body.trimStart().startsWith("<")
            ? "application/xml"
            : "application/json",
          ...(this.validators ? { etag, "last-modified": modified } : {}),
        })
        .end(this.body);
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/schedule/export`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = null;
  }

  get statuses(): number[] {
    return this.requests.map((r) => r.status);
  }
}

/** A logger that keeps its lines, by level. */
export function recordingLogger() {
  const lines: { level: keyof Logger; text: string }[] = [];
  const at =
    (level: keyof Logger) =>
    (...msg: unknown[]) =>
      void lines.push({
        level,
        text: msg.map((m) => (m instanceof Error ? m.message : String(m))).join(" "),
      });
  const logger: Logger = {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
  };
  const matching = (re: RegExp) => lines.filter((l) => re.test(l.text));
  return { logger, lines, matching };
}
