import { useState } from "react";
import { Button } from "@fluentui/react-components";
import type { Outcome } from "../api";
import { NotesField } from "./NotesField";
import { OutcomeField } from "./OutcomeField";
import { useCardStyles } from "./styles";

export function CallForm({ busy, onSubmit }: { busy: boolean; onSubmit: (o: Outcome, notes: string) => void }) {
  const styles = useCardStyles();
  const [outcome, setOutcome] = useState<Outcome>("connected");
  const [notes, setNotes] = useState("");
  return (
    <form className={styles.form} aria-label="Log a call" onSubmit={(e) => (e.preventDefault(), onSubmit(outcome, notes.trim()))}>
      <OutcomeField value={outcome} onChange={setOutcome} autoFocus />
      <NotesField value={notes} onChange={setNotes} />
      <Button appearance="primary" type="submit" disabled={busy}>
        Log call
      </Button>
    </form>
  );
}
