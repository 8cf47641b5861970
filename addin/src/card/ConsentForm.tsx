import { Switch, Text } from "@fluentui/react-components";
import type { Lookup } from "../api";
import { useCardStyles } from "./styles";

export type ConsentFlag = "doNotCall" | "doNotEmail" | "unsubscribed";

export const consentLabels: Record<ConsentFlag, string> = {
  doNotCall: "Asked not to be called",
  doNotEmail: "Asked not to be emailed",
  unsubscribed: "Unsubscribed",
};

/** What the lead asked, one switch a flag: "if they say not to call, don't call", and back when they change their mind. */
export function ConsentForm({ lookup, busy, onChange }: { lookup: Lookup; busy: boolean; onChange: (flag: ConsentFlag, value: boolean) => void }) {
  const styles = useCardStyles();
  return (
    <div className={styles.form} role="group" aria-label="What the lead asked">
      {(Object.keys(consentLabels) as ConsentFlag[]).map((flag) => (
        <Switch key={flag} label={consentLabels[flag]} checked={lookup[flag]} disabled={busy} onChange={(_, d) => onChange(flag, d.checked)} />
      ))}
      <Text size={200}>Each change is recorded with who made it and when; managers can read the history.</Text>
    </div>
  );
}
