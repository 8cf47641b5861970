import { getJson, postForm } from "../api";
import type { components } from "../generated/api-types";

type Schemas = components["schemas"];

// The import API's JSON (docs/imports.md, "The contract"), as generated from the API's OpenAPI document.
export type ImportAction = Schemas["ImportAction"];
export type DryRun = Schemas["ImportDryRunDto"];
export type ImportProgress = Schemas["ImportDto"];

/** The fields a column can be mapped to, as the API names them. */
export const importFields = [
  "firstName", "lastName", "fullName", "company", "title", "email", "phone", "mobilePhone", "street", "city", "postalCode",
  "region", "country", "background", "source", "firstMetOn", "interest", "doNotCall", "doNotEmail", "unsubscribed",
] as const;

export interface ImportChoices {
  file: File;
  source: string;
  firstMetOn: string;
  /** Only the columns the manager changed: header to field, "" to leave the column out. */
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

export const dryRun = (c: ImportChoices) => postForm<DryRun>("/api/imports?dryRun=true", importForm(c)).then((r) => r.data);

/** Queues the import; the answer's Location is where its progress is read. */
export async function commitImport(c: ImportChoices): Promise<string> {
  const r = await postForm<ImportProgress>("/api/imports", importForm(c));
  return r.location ?? `/api/imports/${r.data.id}`;
}

export const importProgress = (location: string) => getJson<ImportProgress>(location);

/** The rows an import could not take, as the CSV a manager downloads to fix them. */
export const errorRows = (errors: ImportProgress["errors"]) => [["row", "field", "message"], ...errors.map((e) => [e.row, e.field, e.message])];
