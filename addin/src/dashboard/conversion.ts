import type { components } from "../generated/api-types";
import { bucketLabel, sourceName } from "./labels";

export type Conversion = components["schemas"]["Conversion"];
export type ConversionRow = components["schemas"]["ConversionRow"];
export type ConversionBy = "source" | "cohort";

/** A rate (0–1) as a percentage with one decimal, or a dash when there were no leads. */
export const percent = (rate: number | null) => (rate === null ? "–" : `${(rate * 100).toFixed(1)} %`);

/** Days to won with one decimal, or a dash when nothing was won. */
export const days = (d: number | null) => (d === null ? "–" : d.toFixed(1));

/** What a row is called: the source (or "(no source)"), or the cohort month. */
export const groupName = (row: ConversionRow, by: ConversionBy) => (by === "source" ? sourceName(row.key) : bucketLabel(row.key ?? "", "month"));

/** The table behind the chart: one line per group, the same figures the API answered. */
export function conversionTable(data: Conversion, by: ConversionBy) {
  const line = (r: ConversionRow, name: string) => [name, r.leads, r.won, percent(r.conversionRate), days(r.meanDaysToWon), days(r.medianDaysToWon)];
  return {
    columns: [by === "source" ? "Source" : "Created in", "Leads", "Won", "Conversion rate", "Mean days to won", "Median days to won"],
    rows: data.rows.map((r) => line(r, groupName(r, by))),
    footer: line(data.total, "Total"),
  };
}
