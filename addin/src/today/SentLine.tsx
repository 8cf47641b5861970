import { useState } from "react";
import { Badge, Button, MessageBar, MessageBarBody, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Lookup, RestrictedLookup } from "../api";
import { ContactCard } from "../card/ContactCard";
import { RestrictedCard } from "../card/RestrictedCard";
import { day as dayText } from "../format";
import type { OpenItem } from "../office";
import { cardOf, type SentHandOver } from "./todayApi";

const useStyles = makeStyles({
  line: { display: "flex", flexDirection: "column", gap: "4px", padding: "8px 0", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  head: { display: "flex", alignItems: "baseline", justifyContent: "space-between", gap: "8px", minWidth: 0 },
  ellipsis: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  meta: { color: tokens.colorNeutralForeground2 },
});

const noItem: OpenItem = { kind: "message", mode: "read", participants: [] };

/**
 * A lead the rep asked for, waiting for its owner or a manager. Its card is what the API lets the rep see: the
 * restricted view while a colleague owns it, the full card if it was left unassigned meanwhile.
 */
export function SentLine({ sent }: { sent: SentHandOver }) {
  const styles = useStyles();
  const { request, lead } = sent;
  const [card, setCard] = useState<Lookup | RestrictedLookup | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const owner = lead?.contact.owner?.name ?? "its owner";

  async function toggle() {
    if (card) return setCard(null);
    if (lead) return setCard(lead);
    setBusy(true);
    setProblem(null);
    try {
      setCard(await cardOf(request.contactId));
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className={styles.line} data-testid={`today-sent-${request.contactId}`}>
      <span className={styles.head}>
        <Text weight="semibold" className={styles.ellipsis}>
          {request.displayName}
          {request.company ? ` · ${request.company}` : ""}
        </Text>
        <Badge appearance="tint" color="warning">
          Waiting
        </Badge>
      </span>
      <Text size={200}>{request.note ? `You asked: ${request.note}` : "You asked for this lead"}</Text>
      <Text size={200} className={styles.meta}>
        asked {dayText(request.requestedAt)} · waiting for {owner} or a manager
      </Text>
      <span>
        <Button size="small" disabled={busy} onClick={() => void toggle()} aria-expanded={card !== null}>
          Open
        </Button>
      </span>
      {problem && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      {card?.access === "restricted" && <RestrictedCard lookup={card as RestrictedLookup} item={noItem} asked />}
      {card && card.access !== "restricted" && <ContactCard lookup={card as Lookup} item={noItem} onChanged={() => undefined} />}
    </li>
  );
}
