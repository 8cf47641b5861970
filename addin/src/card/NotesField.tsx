import { Field, Textarea } from "@fluentui/react-components";

/** A touch's notes, as the rep writes them when logging a call or correcting a touch. */
export function NotesField(props: { value: string; onChange: (notes: string) => void }) {
  return (
    <Field label="Notes">
      <Textarea value={props.value} onChange={(_, d) => props.onChange(d.value)} rows={2} maxLength={4000} />
    </Field>
  );
}
