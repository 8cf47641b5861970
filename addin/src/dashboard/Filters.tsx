import { useState } from "react";
import { Button, Field, Input, Select, Text } from "@fluentui/react-components";
import type { Granularity, RepSummary, ReportQuery } from "./reports";
import { useDashboardStyles } from "./styles";

/** The period and the filters; the figures follow when the manager presses Show. */
export function Filters(props: { query: ReportQuery; manager: boolean; reps: RepSummary[]; sources: string[]; onShow: (q: ReportQuery) => void }) {
  const styles = useDashboardStyles();
  const [draft, setDraft] = useState(props.query);
  return (
    <form
      className={styles.filters}
      aria-label="Period and filters"
      onSubmit={(e) => {
        e.preventDefault();
        props.onShow({ ...draft });
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
      {props.manager && (
        <Field label="Owner">
          <Select value={draft.owner} onChange={(_, d) => setDraft({ ...draft, owner: d.value })}>
            <option value="all">Whole team</option>
            <option value="unassigned">Unassigned</option>
            {props.reps.map((r) => (
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
          {[...new Set([...props.sources, ...(draft.source ? [draft.source] : [])])].map((s) => (
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
        Days in {props.query.tz}
      </Text>
    </form>
  );
}
