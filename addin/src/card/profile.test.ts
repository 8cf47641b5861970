import { describe, expect, it } from "vitest";
import { changedFields, profilePatch, type Profile } from "./profile";

const base: Profile = {
  title: "CTO", phone: "+44 20 1234", mobilePhone: "", street: "1 Main St", postalCode: "N1", city: "London", region: "", country: "UK",
  source: "Event", firstMetOn: "2026-01-15", interest: "Pilot", background: "Met at the expo",
};

describe("profilePatch", () => {
  it("sends only what changed, trimmed, and a cleared field as null", () => {
    expect(profilePatch(base, { ...base, title: " CEO ", phone: "", city: "London" })).toEqual({ title: "CEO", phone: null });
  });

  it("is empty when nothing changed", () => {
    expect(profilePatch(base, { ...base, title: "CTO " })).toEqual({});
  });
});

describe("changedFields", () => {
  it("names each field a colleague changed with its new value", () => {
    expect(changedFields(base, { ...base, title: "VP Engineering", background: "" })).toEqual([
      { label: "Title", value: "VP Engineering" },
      { label: "Background", value: "" },
    ]);
  });
});
