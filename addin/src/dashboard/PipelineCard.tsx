import { useMemo } from "react";
import { Text } from "@fluentui/react-components";
import type { ChartDataset } from "chart.js";
import { BarChart, paletteAt, type ChartColors } from "./BarChart";
import { DataTable } from "./DataTable";
import { ReportCard } from "./ReportCard";
import { TableDetails } from "./TableDetails";
import type { CardProps } from "./cardProps";
import { stageLabels } from "../format";
import type { Pipeline } from "./reports";
import { percent, pipelineRows } from "./pipelineRows";

export function PipelineCard({ state, query, colors }: CardProps<"pipeline">) {
  return (
    <ReportCard id="pipeline" title="Conversion funnel by stage" state={state} csv={{ report: "pipeline", table: "stages", query }}>
      {(data) => <PipelineBody data={data} colors={colors} />}
    </ReportCard>
  );
}

function PipelineBody({ data, colors }: { data: Pipeline; colors: ChartColors }) {
  const rows = useMemo(() => pipelineRows(data), [data]);
  const labels = useMemo(() => rows.map((r) => stageLabels[r.stage] ?? r.stage), [rows]);
  const datasets = useMemo<ChartDataset<"bar", number[]>[]>(
    () => [
      { label: "Leads in the stage now", data: rows.map((r) => r.now), backgroundColor: paletteAt(0) },
      { label: "Entered it in the period", data: rows.map((r) => r.entered), backgroundColor: paletteAt(2) },
    ],
    [rows],
  );
  const now = rows.reduce((n, r) => n + r.now, 0);
  const summary = `Leads per stage now, ${now} in all: ${rows.map((r, i) => `${labels[i]} ${r.now}`).join(", ")}; with how many entered each stage in the period.`;
  return (
    <>
      <Text>
        <strong data-testid="pipeline-sum">{now.toLocaleString()}</strong> leads in the pipeline now
      </Text>
      <BarChart labels={labels} datasets={datasets} colors={colors} horizontal valueTitle="Leads" label={summary} describedBy="pipeline-table" testId="pipeline-chart" />
      <TableDetails>
        <DataTable
          id="pipeline-table"
          testId="pipeline-table"
          caption="Leads per stage now; entries, advances, stage-to-stage conversion and mean days in stage over the period"
          columns={["Stage", "Now", "Entered", "Advanced", "Conversion", "Mean days in stage"]}
          rows={rows.map((r, i) => [labels[i], r.now, r.entered, r.advanced, percent(r.rate), r.days === null ? "–" : r.days.toFixed(1)])}
          footer={["Total", now, rows.reduce((n, r) => n + r.entered, 0), rows.reduce((n, r) => n + r.advanced, 0), "", ""]}
        />
      </TableDetails>
    </>
  );
}
