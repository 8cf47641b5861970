import { describe, expect, test } from "vitest";
import type { Pipeline } from "./reports";
import { percent, pipelineRows } from "./pipelineRows";

describe("pipelineRows", () => {
  test("one row per stage in the funnel's order, zeros where the report has nothing", () => {
    const data = {
      now: [{ stage: "proposal", contacts: 4 }],
      valueTracked: false,
      stages: [{ stage: "new", entered: 10, left: 6, advanced: 5, lost: 1, nurtured: 0, conversionRate: 0.5, timedExits: 6, meanDaysInStage: 2.5 }],
      transitions: [],
      lostReasons: [],
      nurtureReasons: [],
    } as Pipeline;
    const rows = pipelineRows(data);
    expect(rows.map((r) => r.stage)).toEqual(["new", "marketingQualified", "salesQualified", "proposal", "agreement", "won", "lost", "nurture"]);
    expect(rows[0]).toEqual({ stage: "new", now: 0, entered: 10, advanced: 5, rate: 0.5, days: 2.5 });
    expect(rows[3]).toEqual({ stage: "proposal", now: 4, entered: 0, advanced: 0, rate: null, days: null });
    expect([percent(0.5), percent(null)]).toEqual(["50%", "–"]);
  });
});
