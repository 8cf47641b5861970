import { useState, type ReactNode } from "react";
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text } from "@fluentui/react-components";
import { downloadCsv, type ReportName, type ReportQuery, type Reports, type ReportState } from "./reports";
import { errorText } from "./labels";
import { useDashboardStyles } from "./styles";

/** A chart's frame: title, CSV download, and the loading, unavailable and error states every chart shares. */
export function ReportCard<N extends ReportName>(props: {
  id: string;
  title: string;
  state: ReportState<N>;
  csv: { report: N; table?: string; query: ReportQuery };
  children: (data: Reports[N]["data"]) => ReactNode;
}) {
  const styles = useDashboardStyles();
  const { state } = props;
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  return (
    <section className={styles.card} aria-labelledby={`${props.id}-title`} data-testid={props.id}>
      <div className={styles.cardHeader}>
        <Text as="h2" id={`${props.id}-title`} size={400} weight="semibold">
          {props.title}
        </Text>
        {state.status === "ready" && (
          <Button
            size="small"
            disabled={downloading}
            aria-label={`Download CSV: ${props.title}`}
            onClick={async () => {
              setDownloading(true);
              setDownloadError(null);
              try {
                await downloadCsv(props.csv.report, props.csv.table, props.csv.query);
              } catch (e) {
                setDownloadError(errorText(e));
              } finally {
                setDownloading(false);
              }
            }}
          >
            Download CSV
          </Button>
        )}
      </div>
      {downloadError && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>The CSV could not be downloaded: {downloadError}</MessageBarBody>
        </MessageBar>
      )}
      {state.status === "loading" ? (
        <Spinner size="small" label="Loading…" />
      ) : state.status === "unavailable" ? (
        <Text className={styles.quiet} data-testid={`${props.id}-unavailable`}>
          Not available yet: this server does not have this report.
        </Text>
      ) : state.status === "error" ? (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Could not load this report</MessageBarTitle>
            {state.message}
          </MessageBarBody>
        </MessageBar>
      ) : (
        props.children(state.report.data)
      )}
    </section>
  );
}
