import { useState } from "react";
import { Button, Field, Input } from "@fluentui/react-components";
import { quickPick, toLocalInput } from "../format";
import { useCardStyles } from "./styles";

const picks = [
  ["tomorrow", "Tomorrow"],
  ["in3days", "In 3 days"],
  ["nextWeek", "Next week"],
] as const;

export function FollowUpForm(props: { busy: boolean; hasFollowUp: boolean; initialNote: string; onSave: (due: Date, note: string) => void; onComplete: () => void; onWithdraw: () => void }) {
  const styles = useCardStyles();
  const [due, setDue] = useState(toLocalInput(quickPick("tomorrow")));
  const [note, setNote] = useState(props.initialNote);
  return (
    <form
      className={styles.form}
      aria-label="Set the follow-up"
      onSubmit={(e) => {
        e.preventDefault();
        if (due) props.onSave(new Date(due), note.trim());
      }}
    >
      <div className={styles.row} role="group" aria-label="Quick picks">
        {picks.map(([k, label]) => (
          <Button key={k} size="small" onClick={() => setDue(toLocalInput(quickPick(k)))}>
            {label}
          </Button>
        ))}
      </div>
      <Field label="Due">
        <Input className={styles.input} type="datetime-local" value={due} onChange={(_, d) => setDue(d.value)} required />
      </Field>
      <Field label="What to do">
        <Input className={styles.input} value={note} onChange={(_, d) => setNote(d.value)} maxLength={400} />
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" type="submit" disabled={props.busy || !due}>
          Save follow-up
        </Button>
        {props.hasFollowUp && (
          <>
            <Button disabled={props.busy} onClick={props.onComplete} title="Records the follow-up as kept">
              Mark done
            </Button>
            <Button disabled={props.busy} onClick={props.onWithdraw} title="Nobody will keep it: recorded as withdrawn, not done">
              Withdraw
            </Button>
          </>
        )}
      </div>
    </form>
  );
}
