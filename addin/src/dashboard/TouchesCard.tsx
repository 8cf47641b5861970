import { useMemo } from "react";
import { Text } from "@fluentui/react-components";
import type { ChartDataset } from "chart.js";
import { BarChart, paletteAt, type ChartColors } from "./BarChart";
import { DataTable } from "./DataTable";
import { ReportCard } from "./ReportCard";
import { TableDetails } from "./TableDetails";
import type { CardProps } from "./cardProps";
import type { Touches } from "./reports";
import { channelName } from "./labels";
import { touchCells } from "./touchCells";

export function TouchesCard({ state, query, colors }: CardProps<"touches">) {
  return (
    <ReportCard id="touches" title="Touches per rep by channel" state={state} csv={{ report: "touches", table: "touches", query }}>
      {(data) => <TouchesBody data={data} colors={colors} />}
    </ReportCard>
  );
}

function TouchesBody({ data, colors }: { data: Touches; colors: ChartColors }) {
  const { reps, channels, rows, cell } = useMemo(() => touchCells(data), [data]);
  // Two bars per rep, auto-logged then manual, each stacked by channel.
  const labels = useMemo(() => reps.flatMap((r) => [[r, "auto-logged"], [r, "manual"]]), [reps]);
  const datasets = useMemo<ChartDataset<"bar", number[]>[]>(
    () =>
      channels.map((c, i) => ({
        label: channelName(c),
        data: reps.flatMap((r) => {
          const found = cell(r, c);
          return [found?.autoLogged ?? 0, found?.manual ?? 0];
        }),
        backgroundColor: paletteAt(i),
      })),
    [reps, channels, cell],
  );
  const autoLogged = rows.reduce((n, r) => n + r.autoLogged, 0);
  const manual = rows.reduce((n, r) => n + r.manual, 0);
  const summary = `Touches per rep by channel, two bars per rep (auto-logged from the mailbox, manual): ${autoLogged + manual} touches, ${autoLogged} auto-logged and ${manual} manual, by ${reps.length} rep${reps.length === 1 ? "" : "s"}.`;
  if (rows.length === 0) return <Text>No touches in this period.</Text>;
  return (
    <>
      <Text>
        <strong data-testid="touches-sum">{(autoLogged + manual).toLocaleString()}</strong> touches: {autoLogged.toLocaleString()} auto-logged, {manual.toLocaleString()} manual
      </Text>
      <BarChart labels={labels} datasets={datasets} colors={colors} stacked valueTitle="Touches" label={summary} describedBy="touches-table" testId="touches-chart" />
      <TableDetails>
        <DataTable
          id="touches-table"
          testId="touches-table"
          caption="Touches in the period per rep and channel"
          columns={["Rep", "Channel", "Auto-logged", "Manual", "Total"]}
          rows={rows.map((r) => [r.rep, channelName(r.channel), r.autoLogged, r.manual, r.autoLogged + r.manual])}
          footer={["Total", "", autoLogged, manual, autoLogged + manual]}
        />
      </TableDetails>
    </>
  );
}
