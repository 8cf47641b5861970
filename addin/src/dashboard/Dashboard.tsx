import { lazy, Suspense, useEffect, useState } from "react";
import { Button, Spinner, Tab, TabList, Text } from "@fluentui/react-components";
import { authMode } from "../auth";
import type { ChartColors } from "./BarChart";
import { BeforeConnectCard } from "./BeforeConnectCard";
import { ConversionCards } from "./ConversionCards";
import { Filters } from "./Filters";
import { FollowUpsCard } from "./FollowUpsCard";
import { initialQuery } from "./labels";
import { NewLeadsCard } from "./NewLeadsCard";
import { PipelineCard } from "./PipelineCard";
import { getReps, type Me, type RepSummary, type ReportQuery } from "./reports";
import { TouchesCard } from "./TouchesCard";
import { useDashboardStyles } from "./styles";
import { useReports } from "./useReports";

// The console's pages load when first opened, so the charts' first load stays as small as it was.
const pages = {
  charts: { title: "Charts", managerOnly: false, Page: null },
  import: { title: "Import", managerOnly: false, Page: lazy(() => import("./ImportPage")) },
  reps: { title: "Reps and sync", managerOnly: true, Page: lazy(() => import("./RepsPage")) },
  routing: { title: "Routing", managerOnly: true, Page: lazy(() => import("./RoutingPage")) },
  followUps: { title: "Call list", managerOnly: false, Page: lazy(() => import("./FollowUpsPage")) },
  audit: { title: "Consent and revisions", managerOnly: true, Page: lazy(() => import("./AuditPage")) },
  duplicates: { title: "Duplicates", managerOnly: true, Page: lazy(() => import("./DuplicatesPage")) },
} as const;

type PageName = keyof typeof pages;

/** The signed-in page: who is asking, the period and filters, and a card per report. */
export function Dashboard({ me, colors, onSignOut }: { me: Me; colors: ChartColors; onSignOut: () => void }) {
  const styles = useDashboardStyles();
  const manager = me.role === "manager";
  // A rep never sends an owner: the API answers their own figures, and a team-wide owner would be refused.
  const [query, setQuery] = useState<ReportQuery>(() => ({
    ...initialQuery(location.search, new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone),
    ...(manager ? {} : { owner: "" }),
  }));
  const [page, setPage] = useState<PageName>("charts");
  const offered = (Object.keys(pages) as PageName[]).filter((p) => manager || !pages[p].managerOnly);
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

      <nav aria-label="Dashboard pages">
        <TabList selectedValue={page} onTabSelect={(_, d) => setPage(d.value as PageName)}>
          {offered.map((p) => (
            <Tab key={p} value={p}>
              {pages[p].title}
            </Tab>
          ))}
        </TabList>
      </nav>

      {page === "charts" ? (
        <>
          <Filters query={query} manager={manager} reps={reps} sources={sources} onShow={setQuery} />

          <div className={styles.grid}>
            <NewLeadsCard state={reports["new-leads"]} query={query} colors={colors} />
            <TouchesCard state={reports.touches} query={query} colors={colors} />
            <BeforeConnectCard state={reports.touches} query={query} colors={colors} />
            <PipelineCard state={reports.pipeline} query={query} colors={colors} />
            <FollowUpsCard state={reports["follow-ups"]} query={query} colors={colors} />
            <ConversionCards query={query} colors={colors} />
          </div>
        </>
      ) : (
        <Suspense fallback={<Spinner label="Loading the page…" />}>
          <ConsolePage name={page} manager={manager} reps={reps} />
        </Suspense>
      )}
    </main>
  );
}

function ConsolePage({ name, manager, reps }: { name: Exclude<PageName, "charts">; manager: boolean; reps: RepSummary[] }) {
  const Page = pages[name].Page;
  return <Page manager={manager} reps={reps} />;
}
