import { Badge } from "@fluentui/react-components";
import type { Lookup } from "../api";
import type { OpenItem } from "../office";
import { stageLabels, when, words } from "../format";
import { Fact } from "./Fact";
import { capOf } from "./warnings";
import { useCardStyles } from "./styles";

/** Who the lead is and where they stand: stage, company, owner, score, follow-up, the cap, and this email. */
export function LeadFacts({ lookup, item }: { lookup: Lookup; item: OpenItem }) {
  const styles = useCardStyles();
  const c = lookup.contact;
  const { cap, used, days, reached } = capOf(lookup);
  return (
    <dl className={styles.facts}>
      <Fact term="Stage">
        <Badge appearance="filled" color="brand">
          {stageLabels[c.stage] ?? c.stage}
        </Badge>
      </Fact>
      {c.company && <Fact term="Company">{c.title ? `${c.title}, ${c.company}` : c.company}</Fact>}
      <Fact term="Owner">{c.ownerName ?? "Unassigned"}</Fact>
      <Fact term="Score">
        {Math.round(c.score)} · {words(c.priority)} priority
      </Fact>
      <Fact term="Follow-up">
        {lookup.nextFollowUpDue ? (
          <span className={lookup.followUpOverdue ? styles.overdue : undefined} data-testid="follow-up">
            {lookup.followUpOverdue ? "Overdue: " : ""}
            {when(lookup.nextFollowUpDue)}
            {lookup.nextFollowUpNote ? ` — ${lookup.nextFollowUpNote}` : ""}
          </span>
        ) : (
          <span className={styles.muted} data-testid="follow-up">
            None set
          </span>
        )}
      </Fact>
      <Fact term={days === 7 ? "This week" : `Last ${days} days`}>
        <span className={reached ? styles.overdue : undefined} data-testid="cap">
          {used} of {cap} outbound touches
        </span>
        {lookup.touchesLast7Days > used ? ` (${lookup.touchesLast7Days} in all)` : ""}
      </Fact>
      {item.kind === "message" && item.mode === "read" && lookup.messageLogged != null && (
        <Fact term="This email">
          {lookup.messageLogged ? (
            <Badge appearance="tint" color="success" data-testid="message-logged">
              Already logged
            </Badge>
          ) : (
            <span className={styles.muted} data-testid="message-logged">
              Not logged yet
            </span>
          )}
        </Fact>
      )}
    </dl>
  );
}
