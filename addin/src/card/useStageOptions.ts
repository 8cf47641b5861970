import { useEffect, useState } from "react";
import { me, stageMoves, type Stage } from "../api";
import { stageOptions, type StageOption } from "./stageMoves";

export type StageOptionsState = { status: "loading" } | { status: "ready"; options: StageOption[] } | { status: "error"; message: string };

/** The moves the server allows from <current> for this caller, asked when the stage form opens. */
export function useStageOptions(current: Stage): StageOptionsState {
  const [state, setState] = useState<StageOptionsState>({ status: "loading" });
  useEffect(() => {
    let live = true;
    // The caller only widens the choice (a manager may reopen); without it the rep's moves are offered.
    Promise.all([stageMoves(), me().catch(() => null)]).then(
      ([moves, caller]) => live && setState({ status: "ready", options: stageOptions(moves, current, caller) }),
      (e) => live && setState({ status: "error", message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [current]);
  return state;
}
