/** "line L, column C" (both 1-based) of a character offset in `text`. */
export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}

/**
 * Parses JSON; on a syntax error says "line L, column C: what", so an organizer can
 * open the export at the right place. Node's own message gives a position only for
 * some errors, so the position comes from a scan of our own. A leading byte-order
 * mark (editors on Windows write one) is not part of the JSON and is skipped.
 */
export function parseJsonWithPosition(raw: string): { data: unknown } | { error: string } {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  try {
    return { data: JSON.parse(text) };
  } catch (err) {
    const found = firstJsonError(text);
    const reason = found?.reason ?? (err as Error).message.replace(/ in JSON at position.*$/s, "");
    const offset = found?.offset ?? Number(/position (\d+)/.exec((err as Error).message)?.[1] ?? 0);
    return { error: `${lineColumn(text, offset)}: ${reason}` };
  }
}

interface JsonFault {
  offset: number;
  reason: string;
}

/** Where the first syntax error in `text` is, or null if it is valid JSON. */
function firstJsonError(text: string): JsonFault | null {
  let i = 0;
  const fail = (reason: string): never => {
    throw { offset: i, reason } satisfies JsonFault;
  };
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i] as string)) i++;
  };
  const found = () => (i < text.length ? `"${text[i]}"` : "the end of the file");
  const string = () => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail("line break or control character inside a string (missing closing quote?)");
      if (c === 92) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
            fail("bad \\u escape in a string");
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail("bad escape in a string");
      } else i++;
    }
    fail("the file ends inside a string (missing closing quote?)");
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === "{") {
      i++;
      space();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        space();
        if (text[i] !== '"') fail(`expected a quoted property name, found ${found()}`);
        string();
        space();
        if (text[i] !== ":") fail(`expected ":" after the property name, found ${found()}`);
        i++;
        value();
        space();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return;
        }
        fail(`expected "," or "}" after a property, found ${found()}`);
      }
    }
    if (c === "[") {
      i++;
      space();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (;;) {
        value();
        space();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return;
        }
        fail(`expected "," or "]" after an array element, found ${found()}`);
      }
    }
    if (c === '"') {
      string();
      return;
    }
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      text.slice(i, i + 64),
    );
    if (!literal) fail(`expected a value, found ${found()}`);
    i += (literal as RegExpExecArray)[0].length;
  };
  try {
    value();
    space();
    if (i < text.length) fail(`unexpected ${found()} after the end of the JSON value`);
    return null;
  } catch (fault) {
    return fault as JsonFault;
  }
}

/** Line numbers (1-based) of many offsets in one text, after one pass over it. */
export function lineFinder(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
