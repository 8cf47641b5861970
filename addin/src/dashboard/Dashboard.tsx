import { useEffect, useMemo, useState, type ReactNode } from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { ChartDataset } from "chart.js";
import { ApiError } from "../api";
import { authMode, forgetToken, SignInRequired, storedToken } from "../auth";
import { SignIn } from "../SignIn";
import { BarChart, paletteAt, type ChartColors } from "./BarChart";
import { DataTable } from "./DataTable";
import { stageLabels } from "../format";
import type { Stage } from "../api";
import {
  downloadCsv,
  getMe,
  getReps,
  loadReport,
  type Granularity,
  type Me,
  type NewLeads,
  type RepSummary,
  type ReportQuery,
  type ReportState,
  type FollowUps,
  type Pipeline,
  type Touches,
} from "./reports";

const useStyles = makeStyles({
  root: {
    padding: "16px 24px",
    display: "flex",
    flexDirection: "column",
    gap: "16px",
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground2,
    minHeight: "100vh",
    boxSizing: "border-box",
  },
  header: { display: "flex", alignItems: "baseline", justifyContent: "space-between", gap: "12px", flexWrap: "wrap" },
  filters: {
    display: "flex",
    flexWrap: "wrap",
    gap: "12px",
    alignItems: "flex-end",
    padding: "12px",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 520px), 1fr))", gap: "16px" },
  card: {
    display: "flex",
    flexDirection: "column",
    gap: "8px",
    padding: "12px 16px",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    minWidth: 0,
  },
  cardHeader: { display: "flex", justifyContent: "space-between", alignItems: "baseline", gap: "8px", flexWrap: "wrap" },
  actions: { display: "flex", gap: "4px", flexWrap: "wrap" },
  quiet: { color: tokens.colorNeutralForeground3 },
  details: { "& summary": { cursor: "pointer", color: tokens.colorNeutralForeground2, padding: "4px 0" } },
});

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const localDate = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

/** The page's period and filters from its address, so a view can be bookmarked and shared; eight weeks to today by default. */
function initialQuery(): ReportQuery {
  const url = new URLSearchParams(location.search);
  const today = new Date();
  const eightWeeksAgo = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 55);
  const granularity = url.get("granularity");
  return {
    from: url.get("from") ?? localDate(eightWeeksAgo),
    to: url.get("to") ?? localDate(today),
    granularity: granularity === "day" || granularity === "month" ? granularity : "week",
    tz: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
    owner: url.get("owner") ?? "all",
    source: url.get("source") ?? "",
  };
}

function bucketLabel(start: string, granularity: Granularity): string {
  const date = new Date(`${start}T00:00:00Z`);
  const options: Intl.DateTimeFormatOptions =
    granularity === "month" ? { month: "short", year: "numeric", timeZone: "UTC" } : { day: "numeric", month: "short", timeZone: "UTC" };
  return date.toLocaleDateString(undefined, options);
}

const sourceName = (s: string | null) => s ?? "(no source)";
const repName = (r: { repId: number | null; repName: string | null }) => r.repName ?? (r.repId === null ? "(no rep)" : `Rep ${r.repId}`);
const channelName = (c: string) => c.charAt(0).toUpperCase() + c.slice(1);

export function DashboardApp({ configError, colors }: { configError: string | null; colors: ChartColors }) {
  const styles = useStyles();
  const [needsSignIn, setNeedsSignIn] = useState(authMode() === "local" && !storedToken());
  const [signInMessage, setSignInMessage] = useState<string | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (needsSignIn || configError) return;
    getMe().then(setMe, (e) => {
      if (e instanceof SignInRequired || (e instanceof ApiError && e.status === 401)) {
        setSignInMessage(e.message);
        setNeedsSignIn(true);
      } else setError(errorText(e));
    });
  }, [needsSignIn, configError]);

  if (configError || error) {
    return (
      <main className={styles.root}>
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>The dashboard could not start</MessageBarTitle>
            {configError ?? error}
          </MessageBarBody>
        </MessageBar>
      </main>
    );
  }
  if (needsSignIn) {
    return (
      <main className={styles.root} style={{ maxWidth: 560 }}>
        <SignIn role="manager" message={signInMessage} onSignedIn={() => (setSignInMessage(null), setNeedsSignIn(false))} />
      </main>
    );
  }
  if (!me) {
    return (
      <main className={styles.root}>
        <Spinner label="Signing in…" />
      </main>
    );
  }
  return (
    <Dashboard
      me={me}
      colors={colors}
      onSignOut={() => {
        forgetToken();
        setMe(null);
        setNeedsSignIn(true);
      }}
    />
  );
}

function Dashboard({ me, colors, onSignOut }: { me: Me; colors: ChartColors; onSignOut: () => void }) {
  const styles = useStyles();
  const manager = me.role === "manager";
  // A rep never sends an owner: the API answers their own figures, and a team-wide owner would be refused.
  const [query, setQuery] = useState<ReportQuery>(() => ({ ...initialQuery(), ...(manager ? {} : { owner: "" }) }));
  const [draft, setDraft] = useState(query);
  const [reps, setReps] = useState<RepSummary[]>([]);
  const [sources, setSources] = useState<string[]>([]);
  const [newLeads, setNewLeads] = useState<ReportState<NewLeads>>({ status: "loading" });
  const [touches, setTouches] = useState<ReportState<Touches>>({ status: "loading" });
  const [pipeline, setPipeline] = useState<ReportState<Pipeline>>({ status: "loading" });
  const [followUps, setFollowUps] = useState<ReportState<FollowUps>>({ status: "loading" });

  useEffect(() => {
    if (manager) getReps().then((r) => setReps(r.filter((x) => x.active)), () => setReps([]));
  }, [manager]);

  useEffect(() => {
    const abort = new AbortController();
    const url = new URLSearchParams({ from: query.from, to: query.to, granularity: query.granularity });
    if (manager && query.owner !== "all") url.set("owner", query.owner);
    if (query.source) url.set("source", query.source);
    history.replaceState(null, "", `${location.pathname}?${url}`);

    const run = <T,>(name: string, set: (s: ReportState<T>) => void) => {
      set({ status: "loading" });
      loadReport<T>(name, query, abort.signal).then(set, (e) => {
        if (!abort.signal.aborted) set({ status: "error", message: errorText(e) });
      });
    };
    run<NewLeads>("new-leads", (s) => {
      setNewLeads(s);
      if (s.status === "ready") {
        const seen = s.report.data.sources.filter((x): x is string => !!x);
        setSources((old) => [...new Set([...old, ...seen])].sort((a, b) => a.localeCompare(b)));
      }
    });
    run<Touches>("touches", setTouches);
    run<Pipeline>("pipeline", setPipeline);
    run<FollowUps>("follow-ups", setFollowUps);
    return () => abort.abort();
  }, [query, manager]);

  const loading = [newLeads, touches, pipeline, followUps].some((s) => s.status === "loading");
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

      <form
        className={styles.filters}
        aria-label="Period and filters"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ ...draft });
        }}
      >
        <Field label="From">
          <Input type="date" value={draft.from} required onChange={(_, d) => setDraft({ ...draft, from: d.value })} />
        </Field>
        <Field label="To">
          <Input type="date" value={draft.to} required onChange={(_, d) => setDraft({ ...draft, to: d.value })} />
        </Field>
        <Field label="By">
          <Select value={draft.granularity} onChange={(_, d) => setDraft({ ...draft, granularity: d.value as Granularity })}>
            <option value="day">Day</option>
            <option value="week">Week</option>
            <option value="month">Month</option>
          </Select>
        </Field>
        {manager && (
          <Field label="Owner">
            <Select value={draft.owner} onChange={(_, d) => setDraft({ ...draft, owner: d.value })}>
              <option value="all">Whole team</option>
              <option value="unassigned">Unassigned</option>
              {reps.map((r) => (
                <option key={r.id} value={String(r.id)}>
                  {r.displayName}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Field label="Source">
          <Select value={draft.source} onChange={(_, d) => setDraft({ ...draft, source: d.value })}>
            <option value="">All sources</option>
            {[...new Set([...sources, ...(draft.source ? [draft.source] : [])])].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        </Field>
        <Button appearance="primary" type="submit">
          Show
        </Button>
        <Text size={200} className={styles.quiet}>
          Days in {query.tz}
        </Text>
      </form>

      <div className={styles.grid}>
        <NewLeadsCard state={newLeads} query={query} colors={colors} />
        <TouchesCard state={touches} query={query} colors={colors} />
        <BeforeConnectCard state={touches} query={query} colors={colors} />
        <PipelineCard state={pipeline} query={query} colors={colors} />
        <FollowUpsCard state={followUps} query={query} colors={colors} />
      </div>
    </main>
  );
}

interface CardProps<T> {
  state: ReportState<T>;
  query: ReportQuery;
  colors: ChartColors;
}

/** A chart's frame: title, CSV download, and the loading, unavailable and error states every chart shares. */
function ReportCard<T>(props: {
  id: string;
  title: string;
  state: ReportState<T>;
  csv: { report: string; table?: string; query: ReportQuery };
  children: (data: T) => ReactNode;
}) {
  const styles = useStyles();
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

function TableDetails({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return (
    <details className={styles.details}>
      <summary>Show the figures as a table</summary>
      {children}
    </details>
  );
}

function NewLeadsCard({ state, query, colors }: CardProps<NewLeads>) {
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

function TouchesCard({ state, query, colors }: CardProps<Touches>) {
  return (
    <ReportCard id="touches" title="Touches per rep by channel" state={state} csv={{ report: "touches", table: "touches", query }}>
      {(data) => <TouchesBody data={data} colors={colors} />}
    </ReportCard>
  );
}

function TouchesBody({ data, colors }: { data: Touches; colors: ChartColors }) {
  // The report counts per bucket; the chart sums the period per rep and channel, auto-logged apart from manual.
  const { reps, channels, cells } = useMemo(() => {
    const cells = new Map<string, { rep: string; channel: string; autoLogged: number; manual: number }>();
    for (const r of data.rows) {
      const key = `${repName(r)}\u0000${r.channel}`;
      const cell = cells.get(key) ?? { rep: repName(r), channel: r.channel, autoLogged: 0, manual: 0 };
      cell.autoLogged += r.autoLogged;
      cell.manual += r.manual;
      cells.set(key, cell);
    }
    const reps = [...new Set([...cells.values()].map((c) => c.rep))].sort((a, b) => a.localeCompare(b));
    const channels = [...new Set([...cells.values()].map((c) => c.channel))].sort();
    return { reps, channels, cells };
  }, [data]);
  // Two bars per rep, auto-logged then manual, each stacked by channel.
  const labels = useMemo(() => reps.flatMap((r) => [[r, "auto-logged"], [r, "manual"]]), [reps]);
  const datasets = useMemo<ChartDataset<"bar", number[]>[]>(
    () =>
      channels.map((c, i) => ({
        label: channelName(c),
        data: reps.flatMap((r) => {
          const cell = cells.get(`${r}\u0000${c}`);
          return [cell?.autoLogged ?? 0, cell?.manual ?? 0];
        }),
        backgroundColor: paletteAt(i),
      })),
    [reps, channels, cells],
  );
  const rows = [...cells.values()].sort((a, b) => a.rep.localeCompare(b.rep) || a.channel.localeCompare(b.channel));
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

function BeforeConnectCard({ state, query, colors }: CardProps<Touches>) {
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

function FollowUpsCard({ state, query, colors }: CardProps<FollowUps>) {
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

// The funnel's order; lost and nurture leave it and are shown after it.
const stageOrder: Stage[] = ["new", "marketingQualified", "salesQualified", "proposal", "agreement", "won", "lost", "nurture"];

function PipelineCard({ state, query, colors }: CardProps<Pipeline>) {
  return (
    <ReportCard id="pipeline" title="Conversion funnel by stage" state={state} csv={{ report: "pipeline", table: "stages", query }}>
      {(data) => <PipelineBody data={data} colors={colors} />}
    </ReportCard>
  );
}

function PipelineBody({ data, colors }: { data: Pipeline; colors: ChartColors }) {
  const rows = useMemo(
    () =>
      stageOrder.map((stage) => {
        const flow = data.stages.find((s) => s.stage === stage);
        return {
          stage,
          now: data.now.find((s) => s.stage === stage)?.contacts ?? 0,
          entered: flow?.entered ?? 0,
          advanced: flow?.advanced ?? 0,
          rate: flow?.conversionRate ?? null,
          days: flow?.meanDaysInStage ?? null,
        };
      }),
    [data],
  );
  const labels = useMemo(() => rows.map((r) => stageLabels[r.stage] ?? r.stage), [rows]);
  const datasets = useMemo<ChartDataset<"bar", number[]>[]>(
    () => [
      { label: "Leads in the stage now", data: rows.map((r) => r.now), backgroundColor: paletteAt(0) },
      { label: "Entered it in the period", data: rows.map((r) => r.entered), backgroundColor: paletteAt(2) },
    ],
    [rows],
  );
  const now = rows.reduce((n, r) => n + r.now, 0);
  const percent = (r: number | null) => (r === null ? "–" : `${Math.round(r * 100)}%`);
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
