import { describe, expect, test } from "vitest";
import type { Me, StageMove } from "../api";
import { stageOptions } from "./stageMoves";

const moves: StageMove[] = [
  { from: "proposal", to: "agreement", reasonRequired: false, managerOnly: false },
  { from: "proposal", to: "salesQualified", reasonRequired: true, managerOnly: false },
  { from: "proposal", to: "lost", reasonRequired: true, managerOnly: false },
  { from: "lost", to: "new", reasonRequired: true, managerOnly: true },
  { from: "won", to: "agreement", reasonRequired: true, managerOnly: true },
];
const rep = { id: 1, role: "rep" } as Me;
const manager = { id: 2, role: "manager" } as Me;

describe("stageOptions", () => {
  test("offers the current stage, then the moves the table allows from it, each with whether it needs a reason", () => {
    expect(stageOptions(moves, "proposal", rep)).toEqual([
      { stage: "proposal", reasonRequired: false },
      { stage: "agreement", reasonRequired: false },
      { stage: "salesQualified", reasonRequired: true },
      { stage: "lost", reasonRequired: true },
    ]);
  });

  test("a manager's moves are offered to managers only", () => {
    expect(stageOptions(moves, "lost", rep)).toEqual([{ stage: "lost", reasonRequired: false }]);
    expect(stageOptions(moves, "lost", null)).toEqual([{ stage: "lost", reasonRequired: false }]);
    expect(stageOptions(moves, "lost", manager)).toEqual([
      { stage: "lost", reasonRequired: false },
      { stage: "new", reasonRequired: true },
    ]);
  });
});
