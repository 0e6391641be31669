import { readFile } from "node:fs/promises";
import { CatalogError } from "../catalog-error.ts";

/**
 * Bytes of an export → text. Exports are UTF-8 almost always, but older pentabarf
 * installs write ISO-8859-1 (and say so in the XML declaration) and Windows tools may
 * save UTF-16 with a byte order mark: read those as what they declare.
 */
export function decodeFile(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  if (declared && !/^utf-?8$/i.test(declared)) {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      throw new Error(`the XML declares the encoding "${declared}", which cannot be read here`);
    }
  }
  // TextDecoder drops a UTF-8 byte order mark by itself.
  return new TextDecoder("utf-8").decode(bytes);
}

/** Reads and decodes an export; a CatalogError names the file when that fails. */
export async function readExport(file: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new CatalogError(file, [`cannot read the file: ${(err as Error).message}`], {
      cause: err,
    });
  }
  try {
    return decodeFile(bytes);
  } catch (err) {
    throw new CatalogError(file, [(err as Error).message], { cause: err });
  }
}
