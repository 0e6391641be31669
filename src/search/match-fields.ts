import { FIELDS } from "./text-index.ts";
import type { MatchField } from "./types.ts";

/** Match fields in bit order: results carry which matched as one number. */
export const FIELD_ORDER: readonly MatchField[] = [...FIELDS, "time"];

export const TIME_BIT = 1 << FIELD_ORDER.indexOf("time");

export function fieldBits(fields: readonly MatchField[]): number {
  let bits = 0;
  for (const f of fields) bits |= 1 << FIELD_ORDER.indexOf(f);
  return bits;
}

export function fieldsOf(bits: number): MatchField[] {
  return FIELD_ORDER.filter((_, i) => (bits & (1 << i)) !== 0);
}
