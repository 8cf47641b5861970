import { getJson, sendJson } from "../api";
import type { components } from "../generated/api-types";

type Schemas = components["schemas"];

// The console's JSON, as generated from the API's OpenAPI document.
export type Rep = Schemas["RepDto"];
export type RepChange = Pick<Schemas["RepWrite"], "role" | "active" | "syncEnabled">;
export type SyncStatus = Schemas["SyncStatus"];
export type StreamStatus = Schemas["MailboxStreamStatus"];

export const listReps = () => getJson<Rep[]>("/api/reps");
export const changeRep = (id: number, change: RepChange) => sendJson<Rep>("PATCH", `/api/reps/${id}`, change).then((r) => r.data);
export const syncStatus = () => getJson<SyncStatus>("/api/sync/status");

/** A lag in seconds in the largest whole unit that reads at a glance. */
export function lagText(seconds: number | null): string {
  if (seconds === null) return "never synced";
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  return `${Math.floor(seconds / 86400)} d ${Math.floor((seconds % 86400) / 3600)} h`;
}

/** An instant as the browser's local date and time, or a dash. */
export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "–");
