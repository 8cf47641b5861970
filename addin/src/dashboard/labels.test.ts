import { describe, expect, test } from "vitest";
import { initialQuery, localDate, repName, sourceName, stageOrder } from "./labels";

describe("initialQuery", () => {
  const today = new Date(2026, 2, 4, 15, 0);

  test("is eight weeks to today, by week, the whole team, in the browser's zone", () => {
    expect(initialQuery("", today, "Europe/Berlin")).toEqual({
      from: "2026-01-08",
      to: "2026-03-04",
      granularity: "week",
      tz: "Europe/Berlin",
      owner: "all",
      source: "",
    });
  });

  test("reads a bookmarked view from the address, and only the granularities the API knows", () => {
    const q = initialQuery("?from=2026-01-01&to=2026-01-31&granularity=month&owner=7&source=Event", today, "");
    expect(q).toEqual({ from: "2026-01-01", to: "2026-01-31", granularity: "month", tz: "UTC", owner: "7", source: "Event" });
    expect(initialQuery("?granularity=year", today, "UTC").granularity).toBe("week");
  });
});

describe("names", () => {
  test("say what a missing source or rep is", () => {
    expect(sourceName(null)).toBe("(no source)");
    expect(repName({ repId: null, repName: null })).toBe("(no rep)");
    expect(repName({ repId: 4, repName: null })).toBe("Rep 4");
    expect(repName({ repId: 4, repName: "Rita Rep" })).toBe("Rita Rep");
  });

  test("localDate is the local calendar day", () => {
    expect(localDate(new Date(2026, 11, 31, 23, 59))).toBe("2026-12-31");
  });

  test("the funnel runs from new to won, then the stages that leave it", () => {
    expect(stageOrder).toEqual(["new", "marketingQualified", "salesQualified", "proposal", "agreement", "won", "lost", "nurture"]);
  });
});
