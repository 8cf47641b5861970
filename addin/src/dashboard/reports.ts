import { ApiError, getFile, getJson, type Stage } from "../api";

// The report API's JSON (docs/reports.md), as far as the dashboard reads it.
export type Granularity = "day" | "week" | "month";

export interface ReportEnvelope<T> {
  period: { from: string; to: string; timeZone: string; granularity: Granularity; startUtc: string; endUtc: string } | null;
  filters: { owner: string; source: string | null; interest: string | null; region: string | null };
  data: T;
}

export interface SourceCount {
  source: string | null;
  count: number;
}

export interface NewLeads {
  sources: (string | null)[];
  buckets: { start: string; end: string; total: number; bySource: SourceCount[] }[];
  total: number;
  totalsBySource: SourceCount[];
}

export interface TouchRow {
  start: string;
  end: string;
  repId: number | null;
  repName: string | null;
  channel: string;
  direction: string;
  autoLogged: number;
  manual: number;
  total: number;
}

export interface Touches {
  rows: TouchRow[];
  beforeConnect: { contacts: number; median: number | null; p90: number | null; distribution: { touches: string; contacts: number }[] };
}

export interface Me {
  id: number;
  displayName: string;
  email: string;
  role: "rep" | "manager";
}

export interface RepSummary {
  id: number;
  displayName: string;
  active: boolean;
}

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

export type ReportState<T> =
  | { status: "loading" }
  | { status: "ready"; report: ReportEnvelope<T> }
  /** The API has no such report (yet): a server from before the report was added answers 404. */
  | { status: "unavailable" }
  | { status: "error"; message: string };

export async function loadReport<T>(name: string, q: ReportQuery, signal: AbortSignal): Promise<ReportState<T>> {
  try {
    return { status: "ready", report: await getJson<ReportEnvelope<T>>(`/api/reports/${name}?${queryString(q)}`, signal) };
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
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The click has handed the blob to the download; the URL itself is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const getMe = () => getJson<Me>("/api/me");
export const getReps = () => getJson<RepSummary[]>("/api/reps");

/** One rep's follow-up compliance (feat/reports2's FollowUpRow): of those due in the period, on time, late, missed, pending. */
export interface FollowUpRow {
  repId: number | null;
  repName: string | null;
  due: number;
  doneOnTime: number;
  doneLate: number;
  missed: number;
  pending: number;
  closed: number;
  overdueNow: number;
  ripe: number;
}

export interface FollowUps {
  ripeDays: number;
  reps: FollowUpRow[];
  total: FollowUpRow;
}

/** feat/reports2's PipelineReportData: leads per stage now, and each stage's flow over the period. */
export interface Pipeline {
  now: { stage: Stage; contacts: number }[];
  valueTracked: boolean;
  stages: {
    stage: Stage;
    entered: number;
    left: number;
    advanced: number;
    lost: number;
    nurtured: number;
    conversionRate: number | null;
    timedExits: number;
    meanDaysInStage: number | null;
  }[];
  transitions: { from: Stage | null; to: Stage; changes: number }[];
  lostReasons: { reason: string | null; changes: number }[];
  nurtureReasons: { reason: string | null; changes: number }[];
}
