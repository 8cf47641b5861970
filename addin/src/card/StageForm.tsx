import { useState } from "react";
import { Button, Field, MessageBar, MessageBarBody, Select, Spinner, Textarea } from "@fluentui/react-components";
import type { Stage } from "../api";
import { stageLabels } from "../format";
import { useCardStyles } from "./styles";
import { useStageOptions } from "./useStageOptions";

/** The moves the server's stage table allows from the current stage, with a reason where the table asks for one. */
export function StageForm({ busy, current, onSubmit }: { busy: boolean; current: Stage; onSubmit: (s: Stage, reason: string) => void }) {
  const styles = useCardStyles();
  const options = useStageOptions(current);
  const [stage, setStage] = useState<Stage>(current);
  const [reason, setReason] = useState("");
  if (options.status === "loading") return <Spinner size="tiny" label="Loading the stages…" />;
  if (options.status === "error")
    return (
      <MessageBar intent="error" layout="multiline" role="alert">
        <MessageBarBody>The stages could not be loaded: {options.message}</MessageBarBody>
      </MessageBar>
    );
  const needsReason = options.options.find((o) => o.stage === stage)?.reasonRequired ?? false;
  const missing = needsReason && !reason.trim();
  return (
    <form className={styles.form} aria-label="Change the stage" onSubmit={(e) => (e.preventDefault(), !missing && onSubmit(stage, reason.trim()))}>
      <Field label="Stage">
        <Select value={stage} onChange={(_, d) => setStage(d.value as Stage)} autoFocus>
          {options.options.map((o) => (
            <option key={o.stage} value={o.stage}>
              {stageLabels[o.stage]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Reason" required={needsReason} hint={needsReason ? "This move needs a reason: it is kept with the stage history." : undefined}>
        <Textarea value={reason} onChange={(_, d) => setReason(d.value)} rows={2} maxLength={1000} />
      </Field>
      <Button appearance="primary" type="submit" disabled={busy || stage === current || missing}>
        Change stage
      </Button>
    </form>
  );
}
