import { formatOffset, parseOffset } from "../../time/zone.ts";
import { CatalogError } from "../catalog-error.ts";

/** True for a zone Intl knows by an IANA name ("Europe/Berlin", "UTC"), not "CET" or "+01:00". */
export function isIanaZone(zone: string): boolean {
  if (!zone.includes("/") && zone !== "UTC") return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone an export's times are read in: the one the file names, else the one the
 * operator gave. Neither → refused, saying which flag to add (and, when the file's
 * times carry an offset, what that offset is, as a hint).
 */
export function resolveZone(
  file: string,
  fileZone: string | undefined,
  optionZone: string | undefined,
  sampleTime: string | undefined,
): string {
  if (fileZone) {
    if (!isIanaZone(fileZone)) {
      throw new CatalogError(file, [
        `time_zone_name "${fileZone}" is not an IANA time zone (e.g. Europe/Brussels)`,
      ]);
    }
    return fileZone;
  }
  if (optionZone) return optionZone;
  const offset = sampleTime ? parseOffset(sampleTime) : null;
  const hint =
    offset !== null && !sampleTime?.endsWith("Z")
      ? ` (its times carry the offset ${formatOffset(offset)}, e.g. ${sampleTime})`
      : "";
  throw new CatalogError(file, [
    `the file does not say which time zone the event ran in${hint}: add --time-zone <IANA zone>, e.g. --time-zone Europe/Berlin`,
  ]);
}
