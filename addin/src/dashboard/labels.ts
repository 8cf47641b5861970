import type { Stage } from "../api";
import { stageLabels } from "../format";
import type { Granularity, ReportQuery } from "./reports";

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A date as yyyy-MM-dd in the browser's zone: what the report API's from and to take. */
export const localDate = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

/** The page's period and filters from its address, so a view can be bookmarked and shared; eight weeks to today by default. */
export function initialQuery(search: string, today: Date, tz: string): ReportQuery {
  const url = new URLSearchParams(search);
  const eightWeeksAgo = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 55);
  const granularity = url.get("granularity");
  return {
    from: url.get("from") ?? localDate(eightWeeksAgo),
    to: url.get("to") ?? localDate(today),
    granularity: granularity === "day" || granularity === "month" ? granularity : "week",
    tz: tz || "UTC",
    owner: url.get("owner") ?? "all",
    source: url.get("source") ?? "",
  };
}

export function bucketLabel(start: string, granularity: Granularity): string {
  const date = new Date(`${start}T00:00:00Z`);
  const options: Intl.DateTimeFormatOptions =
    granularity === "month" ? { month: "short", year: "numeric", timeZone: "UTC" } : { day: "numeric", month: "short", timeZone: "UTC" };
  return date.toLocaleDateString(undefined, options);
}

export const sourceName = (s: string | null) => s ?? "(no source)";
export const repName = (r: { repId: number | null; repName: string | null }) => r.repName ?? (r.repId === null ? "(no rep)" : `Rep ${r.repId}`);
export const channelName = (c: string) => c.charAt(0).toUpperCase() + c.slice(1);

/** The funnel's order, as stageLabels lists the stages; lost and nurture leave it and come after it. */
export const stageOrder = Object.keys(stageLabels) as Stage[];
