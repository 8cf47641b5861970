import { describe, expect, it } from "vitest";
import { channelRules, defaultOutcome, handChannels, touchDraft } from "./touchChannels";
import { consentRefusal } from "./consent";
import { ApiError } from "../api";
import { toLocalInput } from "../format";

const now = new Date(2026, 2, 10, 15, 30);

describe("touchDraft", () => {
  it("sends a backdated visit at the local time the rep picked", () => {
    const d = touchDraft("visit", "held", "2026-03-08T10:15", " Saw the plant ", now);
    expect(d).toEqual({ ok: true, write: { channel: "visit", outcome: "held", occurredAt: new Date(2026, 2, 8, 10, 15).toISOString(), notes: "Saw the plant" } });
  });

  it("takes now, to the minute, but refuses a time still to come", () => {
    expect(touchDraft("call", "connected", toLocalInput(now), "", now).ok).toBe(true);
    expect(touchDraft("call", "connected", null, "", now)).toEqual({ ok: true, write: { channel: "call", outcome: "connected", occurredAt: undefined, notes: undefined } });
    expect(touchDraft("call", "connected", "", "", now)).toMatchObject({ ok: false, field: "when" });
    const later = touchDraft("call", "connected", "2026-03-10T15:45", "", now);
    expect(later).toMatchObject({ ok: false, field: "when" });
  });

  it("asks a call for its outcome and refuses an outcome the channel cannot have", () => {
    expect(touchDraft("call", "", "2026-03-10T15:00", "", now)).toMatchObject({ ok: false, field: "outcome" });
    expect(touchDraft("letter", "held", "2026-03-10T15:00", "", now)).toMatchObject({ ok: false, field: "outcome" });
    expect(touchDraft("letter", "", "2026-03-10T15:00", "", now)).toMatchObject({ ok: true, write: { channel: "letter", outcome: undefined } });
  });

  it("needs words for a note", () => {
    expect(touchDraft("note", "", "2026-03-10T15:00", "  ", now)).toMatchObject({ ok: false, field: "notes" });
  });

  it("starts each channel at an outcome it allows", () => {
    for (const c of handChannels) {
      const o = defaultOutcome(c);
      if (o) expect(channelRules[c].outcomes).toContain(o);
      else expect(channelRules[c].outcomeRequired).toBe(false);
    }
  });
});

describe("consentRefusal", () => {
  it("reads the flag from the API's 422 and nothing else", () => {
    expect(consentRefusal(new ApiError(422, { status: 422, title: "x", flag: "doNotCall" } as never))).toBe("doNotCall");
    expect(consentRefusal(new ApiError(400, { status: 400, flag: "doNotCall" } as never))).toBeNull();
    expect(consentRefusal(new ApiError(422, { status: 422, flag: "somethingElse" } as never))).toBeNull();
    expect(consentRefusal(new Error("offline"))).toBeNull();
  });
});
