/** Lenient readers for fields of parsed JSON: unknown shapes become "absent", never a crash. */
export type Obj = Record<string, unknown>;

export function obj(value: unknown): Obj {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : {};
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A string field; numbers (frab's and Sessionize's numeric ids) become strings. */
export function str(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}
