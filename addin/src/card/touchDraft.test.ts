import { describe, expect, it } from "vitest";
import type { TouchChannel } from "../api";
import { handChannels, touchDraft } from "./touchDraft";
import { consentRefusal } from "./consent";
import { ApiError } from "../api";
import { toLocalInput } from "../format";

const now = new Date(2026, 2, 10, 15, 30);
const rule = (channel: TouchChannel["channel"], outcomes: TouchChannel["outcomes"], outcomeRequired = false): TouchChannel =>
  ({ channel, outcomes, outcomeRequired, defaultOutcome: outcomeRequired ? outcomes[0] : null, directionRequired: channel === "email" });
const call = rule("call", ["connected", "leftMessage", "spokeToSomeoneElse", "noAnswer"], true);
const letter = rule("letter", ["bounced"]);
const visit = rule("visit", ["connected", "held"]);
const note = rule("note", []);

describe("touchDraft", () => {
  it("sends a backdated visit at the local time the rep picked", () => {
    const d = touchDraft(visit, "held", "2026-03-08T10:15", " Saw the plant ", now);
    expect(d).toEqual({ ok: true, write: { channel: "visit", outcome: "held", occurredAt: new Date(2026, 2, 8, 10, 15).toISOString(), notes: "Saw the plant" } });
  });

  it("takes now, to the minute, but refuses a time still to come", () => {
    expect(touchDraft(call, "connected", toLocalInput(now), "", now).ok).toBe(true);
    expect(touchDraft(call, "connected", null, "", now)).toEqual({ ok: true, write: { channel: "call", outcome: "connected", occurredAt: undefined, notes: undefined } });
    expect(touchDraft(call, "connected", "", "", now)).toMatchObject({ ok: false, field: "when" });
    const later = touchDraft(call, "connected", "2026-03-10T15:45", "", now);
    expect(later).toMatchObject({ ok: false, field: "when" });
  });

  it("asks for the outcome the server requires and refuses one the channel cannot have", () => {
    expect(touchDraft(call, "", "2026-03-10T15:00", "", now)).toMatchObject({ ok: false, field: "outcome" });
    expect(touchDraft(letter, "held", "2026-03-10T15:00", "", now)).toMatchObject({ ok: false, field: "outcome" });
    expect(touchDraft(letter, "", "2026-03-10T15:00", "", now)).toMatchObject({ ok: true, write: { channel: "letter", outcome: undefined } });
  });

  it("needs words for a note", () => {
    expect(touchDraft(note, "", "2026-03-10T15:00", "  ", now)).toMatchObject({ ok: false, field: "notes" });
  });

  it("offers by hand every channel that has no direction", () => {
    expect(handChannels([rule("email", ["bounced"]), call, note]).map((c) => c.channel)).toEqual(["call", "note"]);
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
