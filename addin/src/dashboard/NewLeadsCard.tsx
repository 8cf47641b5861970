import { useMemo } from "react";
import { Text } from "@fluentui/react-components";
import type { ChartDataset } from "chart.js";
import { BarChart, paletteAt, type ChartColors } from "./BarChart";
import { DataTable } from "./DataTable";
import { ReportCard } from "./ReportCard";
import { TableDetails } from "./TableDetails";
import type { CardProps } from "./cardProps";
import type { Granularity, NewLeads } from "./reports";
import { bucketLabel, sourceName } from "./labels";

export function NewLeadsCard({ state, query, colors }: CardProps<"new-leads">) {
  const id = "new-leads";
  return (
    <ReportCard id={id} title="New leads by source" state={state} csv={{ report: "new-leads", query }}>
      {(data) => <NewLeadsBody data={data} granularity={state.status === "ready" ? state.report.period!.granularity : query.granularity} colors={colors} />}
    </ReportCard>
  );
}

function NewLeadsBody({ data, granularity, colors }: { data: NewLeads; granularity: Granularity; colors: ChartColors }) {
  const labels = useMemo(() => data.buckets.map((b) => bucketLabel(b.start, granularity)), [data, granularity]);
  const datasets = useMemo<ChartDataset<"bar", number[]>[]>(
    () =>
      data.sources.map((s, i) => ({
        label: sourceName(s),
        data: data.buckets.map((b) => b.bySource.find((x) => x.source === s)?.count ?? 0),
        backgroundColor: paletteAt(i),
      })),
    [data],
  );
  const summary = `New leads by source, stacked per ${granularity}: ${data.total} in the period${
    data.totalsBySource.length ? ": " + data.totalsBySource.map((s) => `${sourceName(s.source)} ${s.count}`).join(", ") : ""
  }.`;
  return (
    <>
      <Text>
        <strong data-testid="new-leads-sum">{data.total.toLocaleString()}</strong> new leads
      </Text>
      <BarChart labels={labels} datasets={datasets} colors={colors} stacked valueTitle="New leads" label={summary} describedBy="new-leads-table" testId="new-leads-chart" />
      <TableDetails>
        <DataTable
          id="new-leads-table"
          testId="new-leads-table"
          caption="New leads per period and source"
          columns={["Starting", ...data.sources.map(sourceName), "Total"]}
          rows={data.buckets.map((b, i) => [labels[i], ...data.sources.map((s) => b.bySource.find((x) => x.source === s)?.count ?? 0), b.total])}
          footer={["Total", ...data.sources.map((s) => data.totalsBySource.find((x) => x.source === s)?.count ?? 0), data.total]}
        />
      </TableDetails>
    </>
  );
}
