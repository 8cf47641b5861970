import { describe, expect, it } from "vitest";
import { choose, mappedField } from "./imports";

const courriel = { header: "Courriel", samples: ["ada@example.org"], field: null };
const notes = { header: "Notes", samples: [], field: "background" };

describe("the import mapping", () => {
  it("shows the API's automatic field until the manager chooses another", () => {
    expect(mappedField(notes, {})).toBe("background");
    expect(mappedField(courriel, {})).toBe("");
    expect(mappedField(notes, { Notes: "" })).toBe("");
  });

  it("sends only the columns that differ from the automatic mapping", () => {
    const mapped = choose({}, courriel, "email");
    expect(mapped).toEqual({ Courriel: "email" });
    const left = choose(mapped, notes, "");
    expect(left).toEqual({ Courriel: "email", Notes: "" });
    expect(choose(left, notes, "background")).toEqual({ Courriel: "email" });
    expect(choose(left, courriel, "")).toEqual({ Notes: "" });
  });
});
