import { useEffect, useMemo, useState } from "react";
import { Button, MessageBar, MessageBarBody, Spinner, Text } from "@fluentui/react-components";
import { getFile, getJson } from "../api";
import { BarChart, paletteAt, type ChartColors } from "./BarChart";
import { conversionTable, groupName, percent, type Conversion, type ConversionBy } from "./conversion";
import { DataTable } from "./DataTable";
import { errorText } from "./labels";
import { queryString, type ReportQuery } from "./reports";
import { saveBlob } from "./saveBlob";
import { useDashboardStyles } from "./styles";
import { TableDetails } from "./TableDetails";

const titles: Record<ConversionBy, string> = { source: "Conversion by source", cohort: "Conversion by month created" };

/** The conversion report twice: per source over the period, and per month the leads were created in. */
export function ConversionCards({ query, colors }: { query: ReportQuery; colors: ChartColors }) {
  return (
    <>
      <ConversionCard by="source" query={query} colors={colors} />
      <ConversionCard by="cohort" query={query} colors={colors} />
    </>
  );
}

function ConversionCard({ by, query, colors }: { by: ConversionBy; query: ReportQuery; colors: ChartColors }) {
  const styles = useDashboardStyles();
  const id = `conversion-${by}`;
  const title = titles[by];
  // Cohorts are months whatever the charts' granularity.
  const qs = queryString(by === "cohort" ? { ...query, granularity: "month" } : query, { by });
  const [state, setState] = useState<{ data?: Conversion; error?: string }>({});

  useEffect(() => {
    const abort = new AbortController();
    setState({});
    getJson<{ data: Conversion }>(`/api/reports/conversion?${qs}`, abort.signal).then(
      (r) => setState({ data: r.data }),
      (e) => !abort.signal.aborted && setState({ error: errorText(e) }),
    );
    return () => abort.abort();
  }, [qs]);

  const table = useMemo(() => (state.data ? conversionTable(state.data, by) : null), [state.data, by]);
  const chart = useMemo(
    () =>
      state.data && {
        labels: state.data.rows.map((r) => groupName(r, by)),
        datasets: [{ label: "Conversion rate (%)", data: state.data.rows.map((r) => Math.round((r.conversionRate ?? 0) * 1000) / 10), backgroundColor: paletteAt(by === "source" ? 5 : 4) }],
      },
    [state.data, by],
  );

  return (
    <section className={styles.card} aria-labelledby={`${id}-title`} data-testid={id}>
      <div className={styles.cardHeader}>
        <Text as="h2" id={`${id}-title`} size={400} weight="semibold">
          {title}
        </Text>
        {state.data && (
          <Button
            size="small"
            aria-label={`Download CSV: ${title}`}
            onClick={() =>
              void getFile(`/api/reports/conversion?${qs}&format=csv`, "text/csv", `leadmail-conversion-${by}.csv`).then(
                (f) => saveBlob(f.blob, f.fileName),
                (e) => setState((s) => ({ ...s, error: errorText(e) })),
              )
            }
          >
            Download CSV
          </Button>
        )}
      </div>
      {state.error && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{state.error}</MessageBarBody>
        </MessageBar>
      )}
      {!state.data || !table || !chart ? (
        !state.error && <Spinner size="small" label="Loading…" />
      ) : (
        <>
          <Text>
            <strong data-testid={`${id}-rate`}>{percent(state.data.total.conversionRate)}</strong> of {state.data.total.leads.toLocaleString()} leads won
          </Text>
          <BarChart
            labels={chart.labels}
            datasets={chart.datasets}
            colors={colors}
            legend={false}
            valueTitle="Conversion rate (%)"
            label={`${title}: ${percent(state.data.total.conversionRate)} of ${state.data.total.leads} leads won in the period.`}
            describedBy={`${id}-table`}
            testId={`${id}-chart`}
          />
          <TableDetails>
            <DataTable id={`${id}-table`} testId={`${id}-table`} caption={title} columns={table.columns} rows={table.rows} footer={table.footer} />
          </TableDetails>
        </>
      )}
    </section>
  );
}
