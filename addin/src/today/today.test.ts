import { describe, expect, it } from "vitest";
import { draftRefusal, sectionsOf, snoozeTo, whyOf, type TodayDay, type TodayItem } from "./today";

const item = (over: Partial<TodayItem>): TodayItem => ({
  contactId: 1, displayName: "Ada", company: null, email: "ada@example.com", kind: "followUp", why: null,
  when: "2026-12-01T09:00:00Z", stage: "new", score: 10, attempt: null, handOverRequestId: null, ...over,
});
const cap = (reached: boolean) => ({ cap: 3, windowDays: 7, outboundTouchesInWindow: reached ? 3 : 1, windowStart: "2026-11-24T00:00:00Z", reached });

describe("sectionsOf", () => {
  it("orders overdue, due today, ripe, hand-overs", () => {
    const day = { overdue: [item({ contactId: 1 })], today: [item({ contactId: 2 })], ripe: [item({ contactId: 3 })], handOvers: [item({ contactId: 4 })] } as TodayDay;
    expect(sectionsOf(day).map((s) => [s.key, s.items[0].contactId])).toEqual([["overdue", 1], ["today", 2], ["ripe", 3], ["handOvers", 4]]);
  });
});

describe("whyOf", () => {
  it("keeps the API's reason", () => expect(whyOf(item({ kind: "cadenceAttempt", why: "attempt 2 of 10" }))).toBe("attempt 2 of 10"));
  it("names a promise without a note", () => expect(whyOf(item({ why: " " }))).toBe("Follow-up promised"));
});

describe("draftRefusal", () => {
  const ok = { unsubscribed: false, doNotEmail: false, doNotCall: true, frequencyCap: cap(false) };
  it("allows a lead who may be emailed, even one not to call", () => expect(draftRefusal(ok)).toBeNull());
  it("refuses do-not-email", () => expect(draftRefusal({ ...ok, doNotEmail: true })).toMatch(/not to be emailed/));
  it("refuses the unsubscribed", () => expect(draftRefusal({ ...ok, unsubscribed: true })).toMatch(/unsubscribed/));
  it("refuses at the cap", () => expect(draftRefusal({ ...ok, frequencyCap: cap(true) })).toMatch(/cap 3/));
});

describe("snoozeTo", () => {
  const now = new Date(2026, 11, 1, 23, 30); // a Tuesday, late
  it("tomorrow at nine", () => expect(snoozeTo("tomorrow", now)).toEqual(new Date(2026, 11, 2, 9, 0)));
  it("next Monday at nine", () => expect(snoozeTo("nextWeek", now)).toEqual(new Date(2026, 11, 7, 9, 0)));
  it("a picked date at nine", () => expect(snoozeTo({ date: "2026-12-24" }, now)).toEqual(new Date(2026, 11, 24, 9, 0)));
  it("no date from nonsense", () => {
    expect(snoozeTo({ date: "" }, now)).toBeNull();
    expect(snoozeTo({ date: "2026-02-31" }, now)).toBeNull();
  });
});
