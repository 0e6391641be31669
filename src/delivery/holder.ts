import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

/** Names this process in the store's claims: readable in logs, unique across restarts. */
export function holderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}
