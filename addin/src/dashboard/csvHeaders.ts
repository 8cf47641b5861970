/**
 * The column headers of a CSV file, read in the browser so the manager can map them before the dry run: the
 * first non-blank line (after Excel's "sep=" line), split on the delimiter it uses most (comma, semicolon or
 * tab), with quoted headers unquoted. The API reads the file itself; this is only the list to choose from.
 */
export function csvHeaders(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  let i = 0;
  let sep: string | null = null;
  const explicit = /^sep=(.)\s*$/i.exec(lines[0] ?? "");
  if (explicit) {
    sep = explicit[1];
    i = 1;
  }
  while (i < lines.length && lines[i].trim() === "") i++;
  const line = lines[i] ?? "";
  if (!sep) {
    const counts = [",", ";", "\t"].map((d) => [d, line.split(d).length] as const);
    sep = counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
  }
  const headers: string[] = [];
  let cell = "";
  let quoted = false;
  for (let k = 0; k < line.length; k++) {
    const ch = line[k];
    if (quoted) {
      if (ch === '"' && line[k + 1] === '"') (cell += '"'), k++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) headers.push(cell.trim()), (cell = "");
    else cell += ch;
  }
  headers.push(cell.trim());
  return headers.filter((h) => h.length > 0);
}
