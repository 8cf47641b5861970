import { describe, expect, it } from "vitest";
import { lagText } from "./console";

describe("lagText", () => {
  it("reads in the largest whole unit", () => {
    expect(lagText(null)).toBe("never synced");
    expect(lagText(42)).toBe("42 s");
    expect(lagText(125)).toBe("2 min");
    expect(lagText(3 * 3600 + 5 * 60 + 9)).toBe("3 h 5 min");
    expect(lagText(2 * 86400 + 7200)).toBe("2 d 2 h");
  });
});
