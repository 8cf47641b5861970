import type { Me, Stage, StageMove } from "../api";

/** A stage the rep may pick in the form: the current one (nothing to send) or a move the server allows. */
export interface StageOption {
  stage: Stage;
  reasonRequired: boolean;
}

/**
 * The stages offered from <current>, in the server's table order: the current stage first, then every move the
 * table allows from it, without the moves only a manager may make unless the caller is one.
 */
export function stageOptions(moves: StageMove[], current: Stage, caller: Me | null): StageOption[] {
  const manager = caller?.role === "manager";
  const allowed = moves.filter((m) => m.from === current && m.to !== current && (manager || !m.managerOnly));
  return [{ stage: current, reasonRequired: false }, ...allowed.map((m) => ({ stage: m.to, reasonRequired: m.reasonRequired }))];
}
