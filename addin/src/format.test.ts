import { afterEach, describe, expect, test, vi } from "vitest";
import { day, quickPick, splitName, toLocalInput, when, words } from "./format";

afterEach(() => vi.unstubAllGlobals());

describe("words", () => {
  test("turns an API name into a label", () => {
    expect(words("leftMessage")).toBe("Left message");
    expect(words("spokeToSomeoneElse")).toBe("Spoke to someone else");
    expect(words("call")).toBe("Call");
  });
});

describe("quickPick", () => {
  // Wednesday 2026-03-04, 15:30 local time.
  const now = new Date(2026, 2, 4, 15, 30);

  test("is 9:00 on the picked day", () => {
    expect(quickPick("tomorrow", now)).toEqual(new Date(2026, 2, 5, 9, 0));
    expect(quickPick("in3days", now)).toEqual(new Date(2026, 2, 7, 9, 0));
  });

  test("next week is the coming Monday, a whole week ahead on a Monday", () => {
    expect(quickPick("nextWeek", now)).toEqual(new Date(2026, 2, 9, 9, 0));
    expect(quickPick("nextWeek", new Date(2026, 2, 9, 8, 0))).toEqual(new Date(2026, 2, 16, 9, 0));
    expect(quickPick("nextWeek", new Date(2026, 2, 8, 20, 0))).toEqual(new Date(2026, 2, 9, 9, 0));
  });

  test("crosses a month's end", () => {
    expect(quickPick("in3days", new Date(2026, 0, 30, 12, 0))).toEqual(new Date(2026, 1, 2, 9, 0));
  });
});

describe("toLocalInput", () => {
  test("is local time to the minute, zero-padded", () => {
    expect(toLocalInput(new Date(2026, 0, 5, 7, 3, 59))).toBe("2026-01-05T07:03");
  });
});

describe("splitName", () => {
  test("takes the last word as the last name", () => {
    expect(splitName("Ada King Lovelace")).toEqual({ firstName: "Ada King", lastName: "Lovelace" });
    expect(splitName("  Grace   Hopper ")).toEqual({ firstName: "Grace", lastName: "Hopper" });
  });

  test("one word is a first name; nothing is nothing", () => {
    expect(splitName("Cher")).toEqual({ firstName: "Cher" });
    expect(splitName("   ")).toEqual({});
  });
});

describe("when and day", () => {
  const noon = new Date(2026, 2, 4, 12, 0).toISOString();

  test("follow Outlook's display language when Office has one", () => {
    vi.stubGlobal("navigator", { language: "en-GB" });
    vi.stubGlobal("Office", { context: { displayLanguage: "de-DE" } });
    expect(when(noon)).toContain("04.03.2026");
  });

  test("fall back to the browser's language outside Outlook", () => {
    vi.stubGlobal("navigator", { language: "en-GB" });
    expect(when(noon)).toContain("4 Mar 2026");
    expect(day(noon)).toMatch(/^Wed 4 Mar/);
  });
});
