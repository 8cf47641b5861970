import { useMemo } from "react";
import { Text } from "@fluentui/react-components";
import type { ChartDataset } from "chart.js";
import { BarChart, paletteAt, type ChartColors } from "./BarChart";
import { DataTable } from "./DataTable";
import { ReportCard } from "./ReportCard";
import { TableDetails } from "./TableDetails";
import type { CardProps } from "./cardProps";
import type { Touches } from "./reports";

export function BeforeConnectCard({ state, query, colors }: CardProps<"touches">) {
  return (
    <ReportCard id="before-connect" title="Touches before connect" state={state} csv={{ report: "touches", table: "before-connect", query }}>
      {(data) => <BeforeConnectBody data={data} colors={colors} />}
    </ReportCard>
  );
}

function BeforeConnectBody({ data, colors }: { data: Touches; colors: ChartColors }) {
  const b = data.beforeConnect;
  const labels = useMemo(() => b.distribution.map((d) => d.touches), [b]);
  const datasets = useMemo<ChartDataset<"bar", number[]>[]>(
    () => [{ label: "Contacts", data: b.distribution.map((d) => d.contacts), backgroundColor: paletteAt(0) }],
    [b],
  );
  const median = b.median === null ? "no connect yet" : `median ${b.median}, 90th percentile ${b.p90}`;
  const summary = `Outbound touches it took to connect, for ${b.contacts} contacts first connected in the period: ${median}. ${b.distribution
    .map((d) => `${d.touches}: ${d.contacts}`)
    .join(", ")}.`;
  return (
    <>
      <Text>
        <strong data-testid="before-connect-sum">{b.contacts.toLocaleString()}</strong> contacts connected · {median}
      </Text>
      <BarChart labels={labels} datasets={datasets} colors={colors} legend={false} categoryTitle="Outbound touches before the first connect" valueTitle="Contacts" label={summary} describedBy="before-connect-table" testId="before-connect-chart" />
      <TableDetails>
        <DataTable
          id="before-connect-table"
          testId="before-connect-table"
          caption="Contacts by outbound touches before their first connect"
          columns={["Touches", "Contacts"]}
          rows={b.distribution.map((d) => [d.touches, d.contacts])}
          footer={["Total", b.contacts]}
        />
      </TableDetails>
    </>
  );
}
