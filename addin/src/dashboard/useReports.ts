import { useEffect, useState } from "react";
import { errorText } from "./labels";
import { loadReport, type ReportName, type ReportQuery, type ReportState } from "./reports";

export type AllReports = { [N in ReportName]: ReportState<N> };

const loading: AllReports = { "new-leads": { status: "loading" }, touches: { status: "loading" }, pipeline: { status: "loading" }, "follow-ups": { status: "loading" } };

/**
 * The four reports for the query, asked together, and every source seen so far (the filter offers them).
 * The page's address follows the query, so a view can be bookmarked and shared.
 */
export function useReports(query: ReportQuery, manager: boolean) {
  const [reports, setReports] = useState<AllReports>(loading);
  const [sources, setSources] = useState<string[]>([]);

  useEffect(() => {
    const abort = new AbortController();
    const url = new URLSearchParams({ from: query.from, to: query.to, granularity: query.granularity });
    if (manager && query.owner !== "all") url.set("owner", query.owner);
    if (query.source) url.set("source", query.source);
    history.replaceState(null, "", `${location.pathname}?${url}`);

    setReports(loading);
    const run = <N extends ReportName>(name: N) =>
      loadReport(name, query, abort.signal).then(
        (s) => setReports((all) => ({ ...all, [name]: s })),
        (e) => {
          if (!abort.signal.aborted) setReports((all) => ({ ...all, [name]: { status: "error", message: errorText(e) } }));
        },
      );
    void run("new-leads");
    void run("touches");
    void run("pipeline");
    void run("follow-ups");
    return () => abort.abort();
  }, [query, manager]);

  const newLeads = reports["new-leads"];
  useEffect(() => {
    if (newLeads.status !== "ready") return;
    const seen = newLeads.report.data.sources.filter((x): x is string => !!x);
    setSources((old) => [...new Set([...old, ...seen])].sort((a, b) => a.localeCompare(b)));
  }, [newLeads]);

  return { reports, sources, loading: Object.values(reports).some((s) => s.status === "loading") };
}
