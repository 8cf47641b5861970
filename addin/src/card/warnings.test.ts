import { describe, expect, test } from "vitest";
import type { Contact, Lookup } from "../api";
import { capOf, warningsOf } from "./warnings";

function lookup(overrides: Partial<Lookup> = {}, used = 0, cap = 3): Lookup {
  return {
    access: "full",
    contact: { id: 1, displayName: "Ada Lovelace" } as Contact,
    interactions: [],
    nextFollowUpDue: null,
    nextFollowUpNote: null,
    followUpOverdue: false,
    doNotCall: false,
    doNotEmail: false,
    unsubscribed: false,
    touchesLast7Days: used,
    outboundTouchesLast7Days: used,
    frequencyCap: { outboundTouchesInWindow: used, cap, windowDays: 7, windowStart: "2026-03-01T00:00:00Z", reached: used >= cap },
    messageLogged: null,
    historyFetching: false,
    ...overrides,
  };
}

describe("capOf", () => {
  test("shows the cap the API counted against, whatever its size", () => {
    expect(capOf(lookup({}, 4, 5))).toEqual({ cap: 5, used: 4, days: 7, reached: false });
    const tenDays = lookup();
    tenDays.frequencyCap = { outboundTouchesInWindow: 2, cap: 2, windowDays: 10, windowStart: "2026-03-01T00:00:00Z", reached: true };
    expect(capOf(tenDays)).toEqual({ cap: 2, used: 2, days: 10, reached: true });
  });
});

describe("warningsOf", () => {
  test("a lead with no flags under the cap warns of nothing", () => {
    expect(warningsOf(lookup({}, 2), true)).toEqual([]);
  });

  test("consent flags come first, in the order a writer must heed them", () => {
    const titles = warningsOf(lookup({ unsubscribed: true, doNotEmail: true, doNotCall: true }), false).map((w) => w.title);
    expect(titles).toEqual(["Unsubscribed", "Do not email", "Do not call"]);
  });

  test("do not call is an error when reading, a warning while composing an email", () => {
    expect(warningsOf(lookup({ doNotCall: true }), false)[0].intent).toBe("error");
    expect(warningsOf(lookup({ doNotCall: true }), true)[0].intent).toBe("warning");
  });

  test("a reached cap is an error while composing, a warning when reading, with the counts", () => {
    const [reading] = warningsOf(lookup({}, 3), false);
    const [composing] = warningsOf(lookup({}, 3), true);
    expect(reading).toMatchObject({ intent: "warning", title: "Contact cap reached" });
    expect(composing.intent).toBe("error");
    expect(composing.detail).toBe("3 outbound touches in the last 7 days (cap 3). Another email now risks being too much.");
  });
});
