import { describe, expect, test } from "vitest";
import type { Touch } from "../api";
import { toLocalInput } from "../format";
import { correctionOf } from "./correction";

const call = { id: 7, channel: "call", outcome: "connected", notes: "Talked", occurredAt: new Date(2026, 2, 4, 10, 0).toISOString() } as Touch;
const asLogged = toLocalInput(new Date(call.occurredAt));

describe("correctionOf", () => {
  test("is empty when nothing changed", () => {
    expect(correctionOf(call, asLogged, "connected", " Talked ")).toEqual({});
  });

  test("sends only the fields that changed", () => {
    expect(correctionOf(call, asLogged, "noAnswer", "Talked")).toEqual({ outcome: "noAnswer" });
    expect(correctionOf(call, "2026-03-04T09:30", "connected", "Talked")).toEqual({ occurredAt: new Date(2026, 2, 4, 9, 30).toISOString() });
  });

  test("clearing the notes sends null, so the merge patch removes them", () => {
    expect(correctionOf(call, asLogged, "connected", "  ")).toEqual({ notes: null });
  });

  test("a touch other than a call has no outcome to correct", () => {
    const note = { ...call, channel: "note", outcome: null } as Touch;
    expect(correctionOf(note, asLogged, "noAnswer", "Talked")).toEqual({});
  });
});
