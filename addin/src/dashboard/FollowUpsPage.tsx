import { useEffect, useState } from "react";
import { Field, MessageBar, MessageBarBody, Select, Spinner, Text } from "@fluentui/react-components";
import { stageLabels } from "../format";
import { callList, ripeLeads, when, type CallListItem, type Rep } from "./console";
import { errorText } from "./labels";
import { SimpleTable } from "./SimpleTable";
import { useDashboardStyles } from "./styles";

/** Who to call: the follow-ups due, and the open leads nobody has touched for a while, per rep. */
export default function FollowUpsPage({ manager, reps }: { manager: boolean; reps: Rep[] }) {
  const styles = useDashboardStyles();
  // A rep's lists are their own; a manager picks whose.
  const [owner, setOwner] = useState(manager ? "all" : "me");
  const [due, setDue] = useState("week");
  const [calls, setCalls] = useState<CallListItem[] | null>(null);
  const [ripe, setRipe] = useState<CallListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setCalls(null);
    callList(due, owner).then(setCalls, (e) => setError(errorText(e)));
  }, [due, owner]);
  useEffect(() => {
    setRipe(null);
    ripeLeads(owner).then(setRipe, (e) => setError(errorText(e)));
  }, [owner]);

  const ownerName = (id: number | null) => (id === null ? "Unassigned" : reps.find((r) => r.id === id)?.displayName ?? `Rep ${id}`);
  const row = (c: CallListItem, extra: string) => [c.displayName, c.company ?? "", c.phone ?? c.email ?? "", stageLabels[c.stage], Math.round(c.score), ...(manager ? [ownerName(c.ownerId)] : []), extra];
  const cols = (last: string) => ["Lead", "Company", "Phone or email", "Stage", "Score", ...(manager ? ["Owner"] : []), last];

  return (
    <>
      <div className={styles.filters}>
        {manager && (
          <Field label="Rep">
            <Select value={owner} onChange={(_, d) => setOwner(d.value)}>
              <option value="all">Whole team</option>
              <option value="unassigned">Unassigned</option>
              {reps.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.displayName}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Field label="Due">
          <Select value={due} onChange={(_, d) => setDue(d.value)}>
            <option value="overdue">Overdue</option>
            <option value="today">By today</option>
            <option value="week">This week</option>
          </Select>
        </Field>
      </div>
      {error && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <section className={styles.card} aria-labelledby="calls-title" data-testid="call-list">
        <Text as="h2" id="calls-title" size={500} weight="semibold">
          Call list
        </Text>
        {!calls ? (
          <Spinner size="small" label="Loading…" />
        ) : (
          <SimpleTable
            caption="Follow-ups due, soonest first"
            testId="call-list-table"
            empty="No follow-ups due."
            columns={cols("Due")}
            rows={calls.map((c) => row(c, `${when(c.nextFollowUpDue)}${c.overdue ? " (overdue)" : ""}${c.nextFollowUpNote ? ` — ${c.nextFollowUpNote}` : ""}`))}
          />
        )}
      </section>
      <section className={styles.card} aria-labelledby="ripe-title" data-testid="ripe">
        <Text as="h2" id="ripe-title" size={500} weight="semibold">
          Ripe leads
        </Text>
        {!ripe ? (
          <Spinner size="small" label="Loading…" />
        ) : (
          <SimpleTable caption="Open leads nobody has touched for a while, oldest first" testId="ripe-table" empty="No ripe leads." columns={cols("Last touch")} rows={ripe.map((c) => row(c, when(c.lastTouchAt)))} />
        )}
      </section>
    </>
  );
}
