import type { Pipeline } from "./reports";
import { stageOrder } from "./labels";

/** One row per stage in the funnel's order, zeros where the report has nothing for it. */
export function pipelineRows(data: Pipeline) {
  return stageOrder.map((stage) => {
    const flow = data.stages.find((s) => s.stage === stage);
    return {
      stage,
      now: data.now.find((s) => s.stage === stage)?.contacts ?? 0,
      entered: flow?.entered ?? 0,
      advanced: flow?.advanced ?? 0,
      rate: flow?.conversionRate ?? null,
      days: flow?.meanDaysInStage ?? null,
    };
  });
}

export const percent = (r: number | null) => (r === null ? "–" : `${Math.round(r * 100)}%`);
