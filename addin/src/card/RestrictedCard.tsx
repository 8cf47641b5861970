import { useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from "@fluentui/react-components";
import { askForLead, ApiError, type RestrictedLookup } from "../api";
import { day, stageLabels } from "../format";
import type { OpenItem } from "../office";
import { capOf, warningsOf } from "./warnings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "10px" },
  facts: { display: "grid", gridTemplateColumns: "max-content minmax(0, 1fr)", columnGap: "12px", rowGap: "4px", margin: 0 },
  value: { margin: 0, overflowWrap: "anywhere" },
  label: { color: tokens.colorNeutralForeground3 },
  ask: { display: "flex", flexDirection: "column", gap: "8px" },
});

/**
 * A lead another rep owns: enough to respect consent and the team's cap and not to add a duplicate, and a way to
 * ask for it. Its history, notes and phones stay the owner's.
 */
/** `asked`: the rep's request for the lead is pending already, so the card says so instead of offering to ask. */
export function RestrictedCard({ lookup, item, asked = false }: { lookup: RestrictedLookup; item: OpenItem; asked?: boolean }) {
  const styles = useStyles();
  const { contact } = lookup;
  const owner = contact.owner?.name ?? "another rep";
  const warnings = warningsOf(lookup, item.mode === "compose");
  const { cap, used, days } = capOf(lookup);
  const [note, setNote] = useState("");
  const [state, setState] = useState<"idle" | "busy" | "asked">(asked ? "asked" : "idle");
  const [error, setError] = useState<string | null>(null);

  return (
    <section className={styles.root} aria-label={`${contact.displayName}, ${owner}'s lead`} data-testid="restricted-card">
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{owner}'s lead</MessageBarTitle>
          Its history stays with {owner}. Respect its consent and the team's cap, and ask for it if it should be yours.
        </MessageBarBody>
      </MessageBar>
      {warnings.map((w) => (
        <MessageBar key={w.title} intent={w.intent} layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{w.title}</MessageBarTitle>
            {w.detail}
          </MessageBarBody>
        </MessageBar>
      ))}
      <dl className={styles.facts}>
        <dt className={styles.label}>Owner</dt>
        <dd className={styles.value}>{contact.owner ? `${contact.owner.name} (${contact.owner.email})` : "Unassigned"}</dd>
        <dt className={styles.label}>Stage</dt>
        <dd className={styles.value}>{stageLabels[contact.stage] ?? contact.stage}</dd>
        <dt className={styles.label}>Team's touches</dt>
        <dd className={styles.value}>
          {used} of {cap} in the last {days} days
        </dd>
        <dt className={styles.label}>Last touch</dt>
        <dd className={styles.value}>{lookup.lastTouchAt ? day(lookup.lastTouchAt) : "Never"}</dd>
      </dl>
      {state === "asked" ? (
        <MessageBar intent="success" data-testid="hand-over-asked">
          <MessageBarBody>Asked. {owner} or a manager will decide; you will see the lead here once it is yours.</MessageBarBody>
        </MessageBar>
      ) : (
        <form
          className={styles.ask}
          aria-label="Ask for this lead"
          onSubmit={async (e) => {
            e.preventDefault();
            setState("busy");
            setError(null);
            try {
              await askForLead(contact.id, note.trim());
              setState("asked");
            } catch (err) {
              setError(err instanceof ApiError && err.status === 409 ? "You already asked for this lead; the answer is pending." : err instanceof Error ? err.message : String(err));
              setState("idle");
            }
          }}
        >
          <Field label="Why it should be yours (optional)">
            <Input value={note} onChange={(_, d) => setNote(d.value)} maxLength={500} />
          </Field>
          {error && (
            <Text role="alert" style={{ color: tokens.colorPaletteRedForeground1 }}>
              {error}
            </Text>
          )}
          <Button appearance="primary" type="submit" disabled={state === "busy"}>
            Ask for this lead
          </Button>
        </form>
      )}
    </section>
  );
}
