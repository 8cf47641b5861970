import { Field, Select } from "@fluentui/react-components";
import type { Outcome } from "../api";
import { outcomeLabels } from "../format";

/** A call's outcome, as the rep picks it when logging the call or correcting it. */
export function OutcomeField(props: { value: Outcome | ""; onChange: (o: Outcome) => void; autoFocus?: boolean }) {
  return (
    <Field label="Outcome">
      <Select value={props.value} onChange={(_, d) => props.onChange(d.value as Outcome)} autoFocus={props.autoFocus}>
        {Object.entries(outcomeLabels).map(([v, label]) => (
          <option key={v} value={v}>
            {label}
          </option>
        ))}
      </Select>
    </Field>
  );
}
