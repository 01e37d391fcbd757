/**
 * The first rows of delimited text (RFC 4180: quoted fields may hold the delimiter, doubled
 * quotes and line breaks). Stops after `maxRows` rows; `more` says whether text remained.
 */
export function parseDelimited(text: string, delimiter: string, maxRows: number): { rows: string[][]; more: boolean } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = "";
  };
  while (i < text.length && rows.length < maxRows) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRow();
    } else field += c;
    i++;
  }
  if (rows.length < maxRows && (field !== "" || row.length > 0)) endRow();
  return { rows, more: i < text.length };
}
