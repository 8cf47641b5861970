import { describe, expect, test } from "vitest";
import type { Touches, TouchRow } from "./reports";
import { touchCells } from "./touchCells";

const row = (repName: string | null, channel: TouchRow["channel"], autoLogged: number, manual: number, start = "2026-03-02"): TouchRow => ({
  start,
  end: start,
  repId: repName ? 1 : null,
  repName,
  channel,
  direction: "outbound",
  autoLogged,
  manual,
  total: autoLogged + manual,
});

describe("touchCells", () => {
  test("sums the period per rep and channel, auto-logged apart from manual, sorted by rep then channel", () => {
    const data: Touches = {
      rows: [row("Rita", "email", 3, 0), row("Rita", "email", 2, 1, "2026-03-09"), row("Bob", "call", 0, 4), row(null, "meeting", 1, 0), row("Rita", "call", 0, 2)],
      beforeConnect: { contacts: 0, median: null, p90: null, distribution: [] },
    };
    const { reps, channels, rows, cell } = touchCells(data);
    expect(reps).toEqual(["(no rep)", "Bob", "Rita"]);
    expect(channels).toEqual(["call", "email", "meeting"]);
    expect(cell("Rita", "email")).toEqual({ rep: "Rita", channel: "email", autoLogged: 5, manual: 1 });
    expect(cell("Bob", "email")).toBeUndefined();
    expect(rows.map((r) => `${r.rep}/${r.channel}`)).toEqual(["(no rep)/meeting", "Bob/call", "Rita/call", "Rita/email"]);
  });
});
