import { formatOffset, isIanaZone, offsetMinutes, parseOffset } from "../../time/zone.ts";
import { CatalogError } from "../catalog-error.ts";

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
  const offset = sampleTime && !sampleTime.endsWith("Z") ? parseOffset(sampleTime) : null;
  const instant = sampleTime ? new Date(sampleTime) : null;
  const zones =
    offset !== null && instant && !Number.isNaN(instant.getTime())
      ? zonesWithOffset(instant, offset)
      : [];
  const hint =
    offset !== null
      ? ` (its times carry the offset ${formatOffset(offset)}, e.g. ${sampleTime})`
      : sampleTime
        ? ` (its times, e.g. ${sampleTime}, carry no UTC offset)`
        : "";
  const example =
    zones.length > 0
      ? zones.map((z) => `--time-zone ${z}`).join(" or ")
      : "--time-zone Europe/Berlin";
  throw new CatalogError(file, [
    `the file does not say which time zone the event ran in${hint}: add --time-zone <IANA zone>, e.g. ${example}`,
  ]);
}

// Zones organizers are likely to mean, tried first so the hint names familiar ones.
const familiar = [
  "Europe/London",
  "Europe/Lisbon",
  "Europe/Berlin",
  "Europe/Paris",
  "Europe/Brussels",
  "Europe/Amsterdam",
  "Europe/Helsinki",
  "Europe/Athens",
  "Europe/Istanbul",
  "America/New_York",
  "America/Toronto",
  "America/Chicago",
  "America/Denver",
  "America/Phoenix",
  "America/Los_Angeles",
  "America/Sao_Paulo",
  "America/Mexico_City",
  "Africa/Lagos",
  "Africa/Johannesburg",
  "Asia/Dubai",
  "Asia/Kolkata",
  "Asia/Singapore",
  "Asia/Shanghai",
  "Asia/Tokyo",
  "Australia/Sydney",
  "Pacific/Auckland",
];

/** Up to three zones (familiar ones first) that had `offset` at `instant`: a hint, not a guess. */
function zonesWithOffset(instant: Date, offset: number): string[] {
  const matches = (zone: string) => {
    try {
      return offsetMinutes(instant, zone) === offset;
    } catch {
      return false;
    }
  };
  const found = familiar.filter(matches).slice(0, 3);
  if (found.length > 0) return found;
  return Intl.supportedValuesOf("timeZone")
    .filter((z) => z.includes("/") && !z.startsWith("Etc/"))
    .filter(matches)
    .slice(0, 3);
}
