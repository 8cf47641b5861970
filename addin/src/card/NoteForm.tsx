import { useState } from "react";
import { Button, Field, Textarea } from "@fluentui/react-components";
import { useCardStyles } from "./styles";

export function NoteForm({ busy, onSubmit }: { busy: boolean; onSubmit: (notes: string) => void }) {
  const styles = useCardStyles();
  const [notes, setNotes] = useState("");
  return (
    <form className={styles.form} aria-label="Log a note" onSubmit={(e) => (e.preventDefault(), notes.trim() && onSubmit(notes.trim()))}>
      <Field label="Note" required>
        <Textarea value={notes} onChange={(_, d) => setNotes(d.value)} rows={3} maxLength={4000} autoFocus />
      </Field>
      <Button appearance="primary" type="submit" disabled={busy || !notes.trim()}>
        Log note
      </Button>
    </form>
  );
}
