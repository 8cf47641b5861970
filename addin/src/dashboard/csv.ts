import { saveBlob } from "./saveBlob";

// A cell Excel would run as a formula starts with one of these; an apostrophe makes it text.
const formulaStart = /^[=+\-@]/;
const needsQuotes = /[,;"\t\r\n]/;

/** One cell as Excel reads it safely: formulas defused, cells holding a separator, quote, tab or line break quoted. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (typeof value !== "number" && formulaStart.test(text)) text = `'${text}`;
  return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV text with CRLF line ends and a byte-order mark, so Excel reads UTF-8 names right. */
export function toCsv(rows: (string | number | null | undefined)[][]): string {
  return "\uFEFF" + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** Saves text as a file. */
export const saveText = (text: string, fileName: string, type = "text/csv;charset=utf-8") => saveBlob(new Blob([text], { type }), fileName);
