import { ApiError, getFile, getJson } from "../api";
import type { components } from "../generated/api-types";
import { saveBlob } from "./saveBlob";

type Schemas = components["schemas"];

// The report API's JSON (docs/reports.md), as generated from the API's OpenAPI document.
export type Granularity = Schemas["Granularity"];
export type NewLeads = Schemas["NewLeads"];
export type Touches = Schemas["Touches"];
export type TouchRow = Schemas["TouchRow"];
export type FollowUps = Schemas["FollowUpsReportData"];
export type FollowUpRow = Schemas["FollowUpRow"];
export type Pipeline = Schemas["PipelineReportData"];
export type Me = Schemas["RepDto"];
export type RepSummary = Schemas["RepDto"];

/** Each report the dashboard shows, by its name under /api/reports, with the envelope the API answers it in. */
export interface Reports {
  "new-leads": Schemas["NewLeadsReport"];
  touches: Schemas["TouchesReport"];
  pipeline: Schemas["PipelineReportDataReport"];
  "follow-ups": Schemas["FollowUpsReportDataReport"];
}

export type ReportName = keyof Reports;

/** What the page asks every report for: the period in the browser's zone and the cheap filters. */
export interface ReportQuery {
  from: string;
  to: string;
  granularity: Granularity;
  tz: string;
  /** Empty for a rep: the API answers their own figures, and any team-wide owner would be a 403. */
  owner: string;
  source: string;
}

export function queryString(q: ReportQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ from: q.from, to: q.to, tz: q.tz, granularity: q.granularity });
  if (q.owner) params.set("owner", q.owner);
  if (q.source) params.set("source", q.source);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

export type ReportState<N extends ReportName> =
  | { status: "loading" }
  | { status: "ready"; report: Reports[N] }
  /** The API has no such report (yet): a server from before the report was added answers 404. */
  | { status: "unavailable" }
  | { status: "error"; message: string };

export async function loadReport<N extends ReportName>(name: N, q: ReportQuery, signal: AbortSignal): Promise<ReportState<N>> {
  try {
    return { status: "ready", report: await getJson<Reports[N]>(`/api/reports/${name}?${queryString(q)}`, signal) };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return { status: "unavailable" };
    throw e;
  }
}

/** The report's own CSV (format=csv), fetched with the bearer token and saved through a blob link. */
export async function downloadCsv(name: string, table: string | undefined, q: ReportQuery): Promise<void> {
  const extra: Record<string, string> = { format: "csv" };
  if (table) extra.table = table;
  const { blob, fileName } = await getFile(`/api/reports/${name}?${queryString(q, extra)}`, "text/csv", `leadmail-${name}.csv`);
  saveBlob(blob, fileName);
}

export const getMe = () => getJson<Me>("/api/me");
export const getReps = () => getJson<RepSummary[]>("/api/reps");
