import { getJson, sendJson } from "../api";
import type { components } from "../generated/api-types";

type Schemas = components["schemas"];

export type DuplicateGroup = Schemas["DuplicateGroup"];
export type Lead = Schemas["ContactDto"];
export type Merge = Schemas["ContactMergeDto"];

export const duplicateGroups = () =>
  getJson<Schemas["DatabaseHealthReport"]>("/api/reports/database-health").then((r) => r.data.duplicates);
export const getLead = (id: number) => getJson<Lead>(`/api/contacts/${id}`);
export const mergeLeads = (survivorId: number, duplicateId: number) =>
  sendJson<Lead>("POST", `/api/contacts/${survivorId}/merge`, { duplicateId }).then((r) => r.data);
export const mergeRecords = () => getJson<{ items: Merge[]; nextCursor: string | null }>("/api/contact-merges?limit=100").then((p) => p.items);

/**
 * The lead a merge keeps by default: the oldest (it carries the longest history and is the one
 * colleagues have been linking to); the most touches break a tie, then the smaller id.
 */
export function defaultSurvivor(leads: Pick<Lead, "id" | "createdAt" | "touchesTotal">[]): number | null {
  const sorted = [...leads].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || b.touchesTotal - a.touchesTotal || a.id - b.id);
  return sorted[0]?.id ?? null;
}
