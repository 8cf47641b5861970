import { getJson, postForm } from "../api";
import type { components } from "../generated/api-types";

type Schemas = components["schemas"];

// The import API's JSON (docs/imports.md, "The contract"), as generated from the API's OpenAPI document.
export type ImportAction = Schemas["ImportAction"];
export type DryRun = Schemas["ImportDryRunDto"];
export type ImportProgress = Schemas["ImportDto"];
/** The file's columns as the API reads them, with the field each fills automatically and every field there is. */
export type ImportColumns = Schemas["ImportColumnsDto"];

export interface ImportChoices {
  file: File;
  source: string;
  firstMetOn: string;
  /** Only the columns the manager changed from the automatic mapping: header to field, "" to leave the column out. */
  mapping: Record<string, string>;
}

export function importForm(c: ImportChoices): FormData {
  const form = new FormData();
  form.set("file", c.file, c.file.name);
  if (c.source.trim()) form.set("source", c.source.trim());
  if (c.firstMetOn) form.set("firstMetOn", c.firstMetOn);
  if (Object.keys(c.mapping).length) form.set("mapping", JSON.stringify(c.mapping));
  return form;
}

/** The file's headers, a sample of each and the mapping the import would choose, asked once the file is picked. */
export function importColumns(file: File): Promise<ImportColumns> {
  const form = new FormData();
  form.set("file", file, file.name);
  return postForm<ImportColumns>("/api/imports/columns", form).then((r) => r.data);
}

/** The mapping as the page shows it: the manager's choice for a column, else the API's automatic one ("" for none). */
export const mappedField = (column: ImportColumns["columns"][number], mapping: Record<string, string>) =>
  column.header in mapping ? mapping[column.header] : (column.field ?? "");

/** The manager's choice for a column, kept only where it differs from what the API would choose anyway. */
export function choose(mapping: Record<string, string>, column: ImportColumns["columns"][number], field: string): Record<string, string> {
  const next = { ...mapping };
  if (field === (column.field ?? "")) delete next[column.header];
  else next[column.header] = field;
  return next;
}

export const dryRun = (c: ImportChoices) => postForm<DryRun>("/api/imports?dryRun=true", importForm(c)).then((r) => r.data);

/** Queues the import; the answer's Location is where its progress is read. */
export async function commitImport(c: ImportChoices): Promise<string> {
  const r = await postForm<ImportProgress>("/api/imports", importForm(c));
  return r.location ?? `/api/imports/${r.data.id}`;
}

export const importProgress = (location: string) => getJson<ImportProgress>(location);

/** The rows an import could not take, as the CSV a manager downloads to fix them. */
export const errorRows = (errors: ImportProgress["errors"]) => [["row", "field", "message"], ...errors.map((e) => [e.row, e.field, e.message])];
