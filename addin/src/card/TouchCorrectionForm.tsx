import { useState } from "react";
import { Button, Field, Input } from "@fluentui/react-components";
import type { Outcome, Touch, TouchCorrection } from "../api";
import { toLocalInput, words } from "../format";
import { correctionOf } from "./correction";
import { NotesField } from "./NotesField";
import { OutcomeField } from "./OutcomeField";
import { useTouchChannels } from "./useTouchChannels";
import { useCardStyles } from "./styles";

/** What a rep corrects of a touch they logged: when it was, a call's outcome, the notes. Sends only what changed. */
export function TouchCorrectionForm(props: { touch: Touch; busy: boolean; onSubmit: (patch: TouchCorrection) => void; onCancel: () => void }) {
  const styles = useCardStyles();
  const t = props.touch;
  const [at, setAt] = useState(toLocalInput(new Date(t.occurredAt)));
  const [outcome, setOutcome] = useState<Outcome | "">(t.outcome ?? "");
  const [notes, setNotes] = useState(t.notes ?? "");
  const table = useTouchChannels();
  const outcomes = table.status === "ready" ? (table.channels.find((c) => c.channel === t.channel)?.outcomes ?? []) : [];
  function submit() {
    const patch = correctionOf(t, at, outcome, notes);
    if (Object.keys(patch).length === 0) props.onCancel();
    else props.onSubmit(patch);
  }
  return (
    <form className={styles.form} aria-label={`Correct this ${words(t.channel).toLowerCase()}`} onSubmit={(e) => (e.preventDefault(), submit())}>
      <Field label="When">
        <Input className={styles.input} type="datetime-local" value={at} onChange={(_, d) => setAt(d.value)} required />
      </Field>
      {t.channel === "call" && outcomes.length > 0 && <OutcomeField outcomes={outcomes} required value={outcome} onChange={setOutcome} />}
      <NotesField value={notes} onChange={setNotes} />
      <div className={styles.row}>
        <Button appearance="primary" type="submit" disabled={props.busy || !at}>
          Save correction
        </Button>
        <Button onClick={props.onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
