import { describe, expect, it } from "vitest";
import { conditionText, lagText, swapWrites, type Rule } from "./console";

describe("lagText", () => {
  it("reads in the largest whole unit", () => {
    expect(lagText(null)).toBe("never synced");
    expect(lagText(42)).toBe("42 s");
    expect(lagText(125)).toBe("2 min");
    expect(lagText(3 * 3600 + 5 * 60 + 9)).toBe("3 h 5 min");
    expect(lagText(2 * 86400 + 7200)).toBe("2 d 2 h");
  });
});

const rule = (id: number, position: number, change: Partial<Rule> = {}): Rule => ({
  id, position, name: `R${id}`, active: true, interest: null, region: null, country: null, source: null, minScore: null, maxScore: null,
  repId: 1, group: null, createdAt: "", updatedAt: "", ...change,
});

describe("swapWrites", () => {
  it("trades the positions of a rule and its neighbour", () => {
    const writes = swapWrites([rule(1, 1), rule(2, 2), rule(3, 5)], 2, -1);
    expect(writes.map(([id, w]) => [id, w.position])).toEqual([[3, 2], [2, 5]]);
    expect(writes[0][1].name).toBe("R3");
  });
  it("does nothing past either end", () => {
    expect(swapWrites([rule(1, 1)], 0, -1)).toEqual([]);
    expect(swapWrites([rule(1, 1)], 0, 1)).toEqual([]);
  });
  it("separates neighbours sharing a position", () => {
    expect(swapWrites([rule(1, 3), rule(2, 3)], 1, -1).map(([id, w]) => [id, w.position])).toEqual([[2, 2], [1, 3]]);
  });
});

describe("conditionText", () => {
  it("lists the set conditions", () => {
    expect(conditionText(rule(1, 1))).toBe("every lead");
    expect(conditionText(rule(1, 1, { source: "Webinar", minScore: 50 }))).toBe("source Webinar, score ≥ 50");
  });
});
