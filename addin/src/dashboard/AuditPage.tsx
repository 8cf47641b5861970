import { useEffect, useState } from "react";
import { MessageBar, MessageBarBody, Spinner, Text } from "@fluentui/react-components";
import { consentViolations, touchRevisions, when, type Rep, type Touch, type TouchRevision } from "./console";
import { errorText } from "./labels";
import { SimpleTable } from "./SimpleTable";
import { useDashboardStyles } from "./styles";

const flagNames = { doNotCall: "do not call", doNotEmail: "do not email", unsubscribed: "unsubscribed" } as const;

/** What went against a lead's consent, and every touch corrected or removed after it was logged. */
export default function AuditPage({ reps }: { reps: Rep[] }) {
  const styles = useDashboardStyles();
  const [violations, setViolations] = useState<Touch[] | null>(null);
  const [revisions, setRevisions] = useState<TouchRevision[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    consentViolations().then(setViolations, (e) => setError(errorText(e)));
    touchRevisions().then(setRevisions, (e) => setError(errorText(e)));
  }, []);
  const repName = (id: number | null) => (id === null ? "–" : reps.find((r) => r.id === id)?.displayName ?? `Rep ${id}`);

  return (
    <>
      {error && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <section className={styles.card} aria-labelledby="violations-title" data-testid="consent-violations">
        <Text as="h2" id="violations-title" size={500} weight="semibold">
          Consent violations
        </Text>
        {!violations ? (
          <Spinner size="small" label="Loading…" />
        ) : (
          <SimpleTable
            caption="Touches that went against a lead's consent, newest first"
            testId="violations-table"
            empty="No touch went against a lead's consent."
            columns={["When", "Lead", "Rep", "Channel", "Against", "Reason given", "Subject"]}
            rows={violations.map((t) => [
              when(t.occurredAt), `#${t.contactId}`, repName(t.repId), t.channel, t.consentViolation ? flagNames[t.consentViolation] : "", t.consentOverrideReason ?? "–", t.subject ?? "",
            ])}
          />
        )}
      </section>
      <section className={styles.card} aria-labelledby="revisions-title" data-testid="touch-revisions">
        <Text as="h2" id="revisions-title" size={500} weight="semibold">
          Touch revisions
        </Text>
        {!revisions ? (
          <Spinner size="small" label="Loading…" />
        ) : (
          <SimpleTable
            caption="Touches corrected or removed, newest first"
            testId="revisions-table"
            empty="No touch was corrected or removed."
            columns={["When", "By", "Lead", "Change", "Touch", "Was", "Now"]}
            rows={revisions.map((r) => [
              when(r.at), r.byRepName ?? repName(r.byRepId), `#${r.contactId}`, r.kind, `${r.channel} ${r.direction}, ${when(r.occurredAt)}`,
              [r.outcome, r.subject, r.notes].filter(Boolean).join(" · ") || "–",
              r.kind === "removed" ? "removed" : [r.newOccurredAt && when(r.newOccurredAt), r.newOutcome, r.newSubject, r.newNotes].filter(Boolean).join(" · ") || "–",
            ])}
          />
        )}
      </section>
    </>
  );
}
