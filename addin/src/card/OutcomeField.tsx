import { Field, Select } from "@fluentui/react-components";
import type { Outcome } from "../api";
import { outcomeLabels } from "./touchDraft";

/** A touch's outcome among those its channel allows; "No outcome" is offered where the channel may go without. */
export function OutcomeField(props: {
  outcomes: Outcome[];
  required: boolean;
  value: Outcome | "";
  onChange: (o: Outcome | "") => void;
  validationMessage?: string;
  autoFocus?: boolean;
}) {
  return (
    <Field label="Outcome" required={props.required} validationMessage={props.validationMessage}>
      <Select value={props.value} onChange={(_, d) => props.onChange(d.value as Outcome | "")} autoFocus={props.autoFocus}>
        {!props.required && <option value="">No outcome</option>}
        {props.outcomes.map((v) => (
          <option key={v} value={v}>
            {outcomeLabels[v]}
          </option>
        ))}
      </Select>
    </Field>
  );
}
