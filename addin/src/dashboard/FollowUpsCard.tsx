import { useMemo } from "react";
import { Text } from "@fluentui/react-components";
import type { ChartDataset } from "chart.js";
import { BarChart, type ChartColors } from "./BarChart";
import { DataTable } from "./DataTable";
import { ReportCard } from "./ReportCard";
import { TableDetails } from "./TableDetails";
import type { CardProps } from "./cardProps";
import type { FollowUps } from "./reports";
import { repName } from "./labels";

export function FollowUpsCard({ state, query, colors }: CardProps<"follow-ups">) {
  return (
    <ReportCard id="follow-ups" title="Follow-up compliance" state={state} csv={{ report: "follow-ups", table: "reps", query }}>
      {(data) => <FollowUpsBody data={data} colors={colors} />}
    </ReportCard>
  );
}

const followUpParts = [
  { key: "doneOnTime", label: "Done on time", color: "#107c10" },
  { key: "doneLate", label: "Done late", color: "#c19c00" },
  { key: "missed", label: "Missed", color: "#d13438" },
  { key: "pending", label: "Not yet due", color: "#8a8886" },
] as const;

function FollowUpsBody({ data, colors }: { data: FollowUps; colors: ChartColors }) {
  const reps = useMemo(() => data.reps.map(repName), [data]);
  const datasets = useMemo<ChartDataset<"bar", number[]>[]>(
    () => followUpParts.map((p) => ({ label: p.label, data: data.reps.map((r) => r[p.key]), backgroundColor: p.color })),
    [data],
  );
  const t = data.total;
  const summary = `Follow-ups due in the period per rep: ${t.due} due, ${t.doneOnTime} done on time, ${t.doneLate} done late, ${t.missed} missed, ${t.pending} not yet due; ${t.overdueNow} overdue now.`;
  if (data.reps.length === 0) return <Text>No follow-ups due in this period.</Text>;
  return (
    <>
      <Text>
        <strong data-testid="follow-ups-sum">{t.due.toLocaleString()}</strong> due · {t.doneOnTime.toLocaleString()} on time ·{" "}
        {t.doneLate.toLocaleString()} late · {t.overdueNow.toLocaleString()} overdue now
      </Text>
      <BarChart labels={reps} datasets={datasets} colors={colors} stacked horizontal valueTitle="Follow-ups due in the period" label={summary} describedBy="follow-ups-table" testId="follow-ups-chart" />
      <TableDetails>
        <DataTable
          id="follow-ups-table"
          testId="follow-ups-table"
          caption="Follow-ups due in the period per rep, and overdue now"
          columns={["Rep", "Due", "On time", "Late", "Missed", "Not yet due", "Overdue now"]}
          rows={data.reps.map((r) => [repName(r), r.due, r.doneOnTime, r.doneLate, r.missed, r.pending, r.overdueNow])}
          footer={["Total", t.due, t.doneOnTime, t.doneLate, t.missed, t.pending, t.overdueNow]}
        />
      </TableDetails>
    </>
  );
}
