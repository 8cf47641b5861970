import { useCallback, useEffect, useState } from "react";
import { MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { sectionsOf, type TodayDay } from "./today";
import { fetchSentHandOvers, fetchToday, type SentHandOver } from "./todayApi";
import { SentLine } from "./SentLine";
import { TodayLine } from "./TodayLine";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px" },
  section: { display: "flex", flexDirection: "column", gap: "2px" },
  list: { listStyle: "none", margin: 0, padding: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  reps: { margin: 0, paddingInlineStart: "16px" },
});

/** The rep's day: overdue, due today, ripe, and hand-over requests, each line with its actions; managers see each rep's count. */
export function Today() {
  const styles = useStyles();
  const [day, setDay] = useState<TodayDay | null>(null);
  const [sent, setSent] = useState<SentHandOver[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [said, setSaid] = useState<string | null>(null);

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      const [today, asked] = await Promise.all([fetchToday(signal), fetchSentHandOvers(signal)]);
      setDay(today);
      setSent(asked);
      setProblem(null);
    } catch (e) {
      if (!signal?.aborted) setProblem(e instanceof Error ? e.message : String(e));
    }
  }, []);

  useEffect(() => {
    const abort = new AbortController();
    void load(abort.signal);
    return () => abort.abort();
  }, [load]);

  if (problem && !day)
    return (
      <MessageBar intent="error" layout="multiline" role="alert">
        <MessageBarBody>Could not read your day: {problem}</MessageBarBody>
      </MessageBar>
    );
  if (!day) return <Spinner size="small" label="Reading your day…" />;

  return (
    <section className={styles.root} data-testid="today" aria-label="Today">
      {said && (
        <MessageBar intent="success" data-testid="today-said">
          <MessageBarBody>{said}</MessageBarBody>
        </MessageBar>
      )}
      {sectionsOf(day).map((s) => (
        <div key={s.key} className={styles.section} data-testid={`today-${s.key}`}>
          <Text as="h2" weight="semibold" size={300}>
            {s.title} ({s.items.length})
          </Text>
          {s.items.length === 0 ? (
            <Text size={200} className={styles.muted}>
              {s.empty}
            </Text>
          ) : (
            <ul className={styles.list}>
              {s.items.map((i) => (
                <TodayLine
                  key={`${i.kind}-${i.contactId}-${i.handOverRequestId ?? ""}`}
                  item={i}
                  onDone={(text) => {
                    setSaid(text);
                    void load();
                  }}
                />
              ))}
            </ul>
          )}
        </div>
      ))}
      {sent.length > 0 && (
        <div className={styles.section} data-testid="today-sent">
          <Text as="h2" weight="semibold" size={300}>
            Leads you asked for ({sent.length})
          </Text>
          <ul className={styles.list}>
            {sent.map((s) => (
              <SentLine key={s.request.id} sent={s} />
            ))}
          </ul>
        </div>
      )}
      {day.perRep && day.perRep.length > 0 && (
        <div className={styles.section} data-testid="today-per-rep">
          <Text as="h2" weight="semibold" size={300}>
            Per rep
          </Text>
          <ul className={styles.reps}>
            {day.perRep.map((r) => (
              <li key={r.repId}>
                <Text size={200}>
                  {r.name || `Rep ${r.repId}`}: {r.overdue} overdue, {r.today} due today
                </Text>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
