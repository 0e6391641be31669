/**
 * Reads the YAML subset manifest.yml is written in: nested mappings by two-space
 * indentation, `- scalar` lists and `- key: value` lists of mappings, `#` comments,
 * plain or double-quoted scalars. Anything else throws, so the file cannot drift
 * into a shape this reader would misread.
 */
export type Yaml = string | boolean | Yaml[] | { [key: string]: Yaml };

interface Line {
  indent: number;
  text: string;
  n: number;
}

function scalar(raw: string): string | boolean {
  const v = raw.trim();
  if (v === "true") return true;
  if (v === "false") return false;
  if (v.startsWith('"')) {
    if (!v.endsWith('"') || v.length < 2) throw new Error(`unterminated string: ${v}`);
    return JSON.parse(v) as string;
  }
  return v;
}

export function readManifest(source: string): Yaml {
  const lines: Line[] = [];
  source.split("\n").forEach((raw, i) => {
    const text = raw.replace(/\s+#.*$/, "").trimEnd();
    if (!text.trim() || text.trim().startsWith("#")) return;
    const indent = text.length - text.trimStart().length;
    if (indent % 2 !== 0) throw new Error(`line ${i + 1}: odd indentation`);
    lines.push({ indent, text: text.trim(), n: i + 1 });
  });
  let pos = 0;

  function block(indent: number): Yaml {
    const first = lines[pos];
    if (!first || first.indent !== indent)
      throw new Error(`line ${first?.n}: expected indent ${indent}`);
    return first.text.startsWith("- ") ? list(indent) : map(indent);
  }

  function map(indent: number, into: { [key: string]: Yaml } = {}): { [key: string]: Yaml } {
    while (pos < lines.length) {
      const line = lines[pos] as Line;
      if (line.indent < indent) break;
      if (line.indent > indent || line.text.startsWith("- "))
        throw new Error(`line ${line.n}: unexpected`);
      const m = /^([A-Za-z0-9_.-]+):(?:\s+(.*))?$/.exec(line.text);
      if (!m?.[1]) throw new Error(`line ${line.n}: expected "key: value"`);
      pos++;
      if (m[2] !== undefined) into[m[1]] = scalar(m[2]);
      else into[m[1]] = block(indent + 2);
    }
    return into;
  }

  function list(indent: number): Yaml[] {
    const out: Yaml[] = [];
    while (pos < lines.length) {
      const line = lines[pos] as Line;
      if (line.indent < indent) break;
      if (line.indent !== indent || !line.text.startsWith("- "))
        throw new Error(`line ${line.n}: unexpected`);
      const item = line.text.slice(2);
      const kv = /^([A-Za-z0-9_.-]+):(?:\s+(.*))?$/.exec(item);
      if (kv?.[1] && kv[2] !== undefined) {
        // "- key: value" starts a mapping whose other keys sit two spaces further in.
        pos++;
        const entry: { [key: string]: Yaml } = { [kv[1]]: scalar(kv[2]) };
        out.push(map(indent + 2, entry));
      } else {
        pos++;
        out.push(scalar(item));
      }
    }
    return out;
  }

  const root = block(0);
  if (pos !== lines.length) throw new Error(`line ${lines[pos]?.n}: unexpected`);
  return root;
}
