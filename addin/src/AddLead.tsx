import { useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { addLead } from "./api";
import type { Participant } from "./office";
import { splitName } from "./format";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: "8px" },
  muted: { color: tokens.colorNeutralForeground3 },
  pair: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)", gap: "8px" },
  input: { minWidth: 0, width: "100%" },
});

// Where a lead met us; free text in the API, the usual answers offered here.
const sources = ["Email", "Website", "Event", "Referral", "Cold call", "Partner", "Other"];

/** An unknown participant: name and address from the message, source and interest chosen by the rep. */
export function AddLead({ participant, onAdded }: { participant: Participant; onAdded: () => void }) {
  const styles = useStyles();
  const name = splitName(participant.name);
  const [firstName, setFirstName] = useState(name.firstName ?? "");
  const [lastName, setLastName] = useState(name.lastName ?? "");
  const [company, setCompany] = useState("");
  const [source, setSource] = useState(sources[0]);
  const [interest, setInterest] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  return (
    <form
      className={styles.form}
      aria-label={`Add ${participant.email} as a lead`}
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await addLead({
            firstName: firstName.trim() || undefined,
            lastName: lastName.trim() || undefined,
            email: participant.email,
            company: company.trim() || undefined,
            source,
            interest: interest.trim() || undefined,
          });
          onAdded();
        } catch (err) {
          setError(err instanceof Error ? err.message : String(err));
          setBusy(false);
        }
      }}
    >
      <Text className={styles.muted}>{participant.email} is not in LeadMail yet.</Text>
      <div className={styles.pair}>
        <Field label="First name">
          <Input className={styles.input} value={firstName} onChange={(_, d) => setFirstName(d.value)} maxLength={100} />
        </Field>
        <Field label="Last name">
          <Input className={styles.input} value={lastName} onChange={(_, d) => setLastName(d.value)} maxLength={100} />
        </Field>
      </div>
      <Field label="Company">
        <Input className={styles.input} value={company} onChange={(_, d) => setCompany(d.value)} maxLength={200} />
      </Field>
      <div className={styles.pair}>
        <Field label="Source">
          <Select className={styles.input} value={source} onChange={(_, d) => setSource(d.value)}>
            {sources.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </Select>
        </Field>
        <Field label="Interest">
          <Input className={styles.input} value={interest} onChange={(_, d) => setInterest(d.value)} maxLength={200} />
        </Field>
      </div>
      {error && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <Button appearance="primary" type="submit" disabled={busy}>
        Add as lead
      </Button>
    </form>
  );
}
