import { describe, expect, it } from "vitest";
import { conversionTable, days, percent } from "./conversion";

describe("conversionTable", () => {
  const row = (key: string | null, leads: number, won: number, rate: number | null, mean: number | null, median: number | null) => ({
    key, name: null, leads, won, conversionRate: rate, meanDaysToWon: mean, medianDaysToWon: median,
  });
  it("gives one line per source, none last, and the total", () => {
    const t = conversionTable({ by: "source", rows: [row("Webinar", 4, 1, 0.25, 3.5, 3.5), row(null, 2, 0, 0, null, null)], total: row(null, 6, 1, 0.1667, 3.5, 3.5) }, "source");
    expect(t.columns[0]).toBe("Source");
    expect(t.rows).toEqual([["Webinar", 4, 1, "25.0 %", "3.5", "3.5"], ["(no source)", 2, 0, "0.0 %", "–", "–"]]);
    expect(t.footer).toEqual(["Total", 6, 1, "16.7 %", "3.5", "3.5"]);
  });
  it("names a cohort by its month", () => {
    const t = conversionTable({ by: "cohort", rows: [row("2026-03-01", 0, 0, null, null, null)], total: row(null, 0, 0, null, null, null) }, "cohort");
    expect(t.rows[0][0]).toMatch(/2026/);
    expect(t.rows[0][3]).toBe("–");
  });
  it("formats rates and days", () => {
    expect(percent(1)).toBe("100.0 %");
    expect(days(0.25)).toBe("0.3");
  });
});
