/**
 * The SQL both databases run is written SQLite-style once; this rewrites it for PostgreSQL, outside
 * string literals, quoted identifiers and comments:
 * - `?` placeholders become `$1`, `$2`, … in order;
 * - camelCase aliases (`as createdAt`) are quoted, since PostgreSQL folds unquoted names to lower case;
 * - `like` becomes `ilike`: SQLite's LIKE ignores ASCII case, and the queries rely on that.
 * Anything else that differs (JSON functions, scalar max/min) is written per dialect in db/queries.
 */
export function toPostgres(text: string): string {
  let out = "";
  let n = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      const end = closingQuote(text, i, c);
      out += text.slice(i, end);
      i = end;
    } else if (c === "-" && text[i + 1] === "-") {
      const end = text.indexOf("\n", i);
      const stop = end < 0 ? text.length : end;
      out += text.slice(i, stop);
      i = stop;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop);
      i = stop;
    } else if (c === "?") {
      out += `$${++n}`;
      i++;
    } else if (isWordStart(c)) {
      let j = i + 1;
      while (j < text.length && isWordChar(text[j]!)) j++;
      const word = text.slice(i, j);
      const lower = word.toLowerCase();
      if (lower === "like") out += "ilike";
      else if (lower === "as") {
        // `as name`: quote a camelCase alias (a type in `cast(x as INTEGER)` is all one case and stays).
        const m = /^(\s+)([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(j));
        if (m && /[a-z]/.test(m[2]!) && /[A-Z]/.test(m[2]!)) {
          out += `${word}${m[1]}"${m[2]}"`;
          i = j + m[0].length;
          continue;
        }
        out += word;
      } else out += word;
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The index just past the quote that closes the one at `start` (a doubled quote is an escaped one). */
function closingQuote(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return text.length;
}

const isWordStart = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
const isWordChar = (c: string) => isWordStart(c) || (c >= "0" && c <= "9") || c === "$";
