import { useEffect, useState } from "react";
import { Button, Text } from "@fluentui/react-components";
import { authMode } from "../auth";
import type { ChartColors } from "./BarChart";
import { BeforeConnectCard } from "./BeforeConnectCard";
import { Filters } from "./Filters";
import { FollowUpsCard } from "./FollowUpsCard";
import { initialQuery } from "./labels";
import { NewLeadsCard } from "./NewLeadsCard";
import { PipelineCard } from "./PipelineCard";
import { getReps, type Me, type RepSummary, type ReportQuery } from "./reports";
import { TouchesCard } from "./TouchesCard";
import { useDashboardStyles } from "./styles";
import { useReports } from "./useReports";

/** The signed-in page: who is asking, the period and filters, and a card per report. */
export function Dashboard({ me, colors, onSignOut }: { me: Me; colors: ChartColors; onSignOut: () => void }) {
  const styles = useDashboardStyles();
  const manager = me.role === "manager";
  // A rep never sends an owner: the API answers their own figures, and a team-wide owner would be refused.
  const [query, setQuery] = useState<ReportQuery>(() => ({
    ...initialQuery(location.search, new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone),
    ...(manager ? {} : { owner: "" }),
  }));
  const [reps, setReps] = useState<RepSummary[]>([]);
  const { reports, sources, loading } = useReports(query, manager);

  useEffect(() => {
    if (manager) getReps().then((r) => setReps(r.filter((x) => x.active)), () => setReps([]));
  }, [manager]);

  useEffect(() => {
    document.body.dataset.ready = loading ? "false" : "true";
  }, [loading]);

  return (
    <main className={styles.root} aria-busy={loading}>
      <header className={styles.header}>
        <Text as="h1" size={600} weight="semibold">
          LeadMail dashboard
        </Text>
        <span>
          <Text data-testid="who">
            {me.displayName} · {manager ? "manager: the whole team" : "your own figures"}
          </Text>{" "}
          {authMode() === "local" && (
            <Button appearance="subtle" size="small" onClick={onSignOut}>
              Sign out
            </Button>
          )}
        </span>
      </header>

      <Filters query={query} manager={manager} reps={reps} sources={sources} onShow={setQuery} />

      <div className={styles.grid}>
        <NewLeadsCard state={reports["new-leads"]} query={query} colors={colors} />
        <TouchesCard state={reports.touches} query={query} colors={colors} />
        <BeforeConnectCard state={reports.touches} query={query} colors={colors} />
        <PipelineCard state={reports.pipeline} query={query} colors={colors} />
        <FollowUpsCard state={reports["follow-ups"]} query={query} colors={colors} />
      </div>
    </main>
  );
}
