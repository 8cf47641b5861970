import { Button, Text } from "@fluentui/react-components";
import type { Touch, TouchCorrection } from "../api";
import { day, words } from "../format";
import { TouchCorrectionForm } from "./TouchCorrectionForm";
import { useCardStyles } from "./styles";

export type Change = "correct" | "remove";

/** One touch of the timeline; one the server says the caller may change offers Correct and Remove (asked once). */
export function TouchItem(props: {
  touch: Touch;
  busy: boolean;
  changing: Change | null;
  onChanging: (how: Change | null) => void;
  onCorrect: (patch: TouchCorrection) => Promise<unknown>;
  onRemove: () => Promise<unknown>;
}) {
  const styles = useCardStyles();
  const { touch: t, changing, onChanging: setChanging } = props;
  const what = words(t.channel).toLowerCase();
  return (
    <li className={styles.touch}>
      <Text weight="semibold" size={200}>
        {words(t.channel)}
        {t.direction !== "none" ? ` · ${t.direction}` : ""}
        {t.outcome ? ` · ${words(t.outcome)}` : ""}
      </Text>
      <Text size={200} className={styles.muted}>
        <time dateTime={t.occurredAt}>{day(t.occurredAt)}</time>
      </Text>
      <Text size={200} className={`${styles.muted} ${styles.wide}`}>
        {t.subjectHidden ? "Subject private to its mailbox" : t.subject || t.notes || ""}
      </Text>
      {t.canChange &&
        (changing === "remove" ? (
          <div className={`${styles.row} ${styles.wide}`} role="group" aria-label={`Remove this ${what}?`}>
            <Text size={200}>Remove this {what}? It comes out of the lead's counts.</Text>
            <Button size="small" appearance="primary" disabled={props.busy} onClick={() => void props.onRemove()}>
              Remove touch
            </Button>
            <Button size="small" onClick={() => setChanging(null)}>
              Keep
            </Button>
          </div>
        ) : changing === "correct" ? (
          <div className={styles.wide}>
            <TouchCorrectionForm touch={t} busy={props.busy} onCancel={() => setChanging(null)} onSubmit={(patch) => void props.onCorrect(patch)} />
          </div>
        ) : (
          <div className={`${styles.row} ${styles.wide}`}>
            <Button size="small" appearance="subtle" className={styles.action} aria-label={`Correct ${what} of ${day(t.occurredAt)}`} onClick={() => setChanging("correct")}>
              Correct
            </Button>
            <Button size="small" appearance="subtle" className={styles.action} aria-label={`Remove ${what} of ${day(t.occurredAt)}`} onClick={() => setChanging("remove")}>
              Remove
            </Button>
          </div>
        ))}
    </li>
  );
}
