import { useState } from "react";
import { Badge, Button, Input, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, MessageBar, MessageBarBody, Text, makeStyles, tokens } from "@fluentui/react-components";
import { completeFollowUp, logTouch, lookup, setFollowUp, type Lookup, type RestrictedLookup, type TouchWrite } from "../api";
import { ContactCard } from "../card/ContactCard";
import { RestrictedCard } from "../card/RestrictedCard";
import { TouchForm } from "../card/TouchForm";
import { day as dayText, newKey, stageLabels } from "../format";
import type { OpenItem } from "../office";
import { draftRefusal, snoozeTo, whyOf, type SnoozeKind, type TodayItem } from "./today";
import { answerHandOver, cardOf } from "./todayApi";

const useStyles = makeStyles({
  line: { display: "flex", flexDirection: "column", gap: "4px", padding: "8px 0", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  head: { display: "flex", alignItems: "baseline", justifyContent: "space-between", gap: "8px", minWidth: 0 },
  ellipsis: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  meta: { color: tokens.colorNeutralForeground2 },
  actions: { display: "flex", flexWrap: "wrap", gap: "4px" },
  date: { display: "flex", gap: "4px", alignItems: "center" },
});

// The lead's card is shown outside any email: nothing to log as "this email".
const noItem: OpenItem = { kind: "message", mode: "read", participants: [] };

type Panel = "none" | "card" | "call" | "date";

/** One line of the day: who, why, when, stage, score, and what the rep can do about it in one click. */
export function TodayLine({ item, onDone }: { item: TodayItem; onDone: (said: string) => void }) {
  const styles = useStyles();
  const [panel, setPanel] = useState<Panel>("none");
  const [lead, setLead] = useState<Lookup | null>(null);
  const [restricted, setRestricted] = useState<RestrictedLookup | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [date, setDate] = useState("");
  const handOver = item.kind === "handOver";

  // The full lead (consent, cap and its version for If-Match), read when an action needs it.
  const fullLead = async (): Promise<Lookup> => {
    if (!item.email || handOver) throw new Error("This lead has no email address to look it up by.");
    const found = await lookup(item.email, undefined, new AbortController().signal);
    if (!found || found.access === "restricted") throw new Error("This lead is no longer yours.");
    setLead(found as Lookup);
    return found as Lookup;
  };

  const act = async (work: () => Promise<string | null>) => {
    setBusy(true);
    setProblem(null);
    try {
      const said = await work();
      if (said) onDone(said);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  // A hand-over line names the rep who asked, not the lead's address: the card is read by the lead's id.
  const readCard = async () => {
    const card = await cardOf(item.contactId);
    setRestricted(card.access === "restricted" ? (card as RestrictedLookup) : null);
    setLead(card.access === "restricted" ? null : (card as Lookup));
  };
  const open = () => act(async () => (panel !== "card" && (handOver ? await readCard() : await fullLead()), setPanel(panel === "card" ? "none" : "card"), null));
  const complete = () => act(async () => (await completeFollowUp((await fullLead()).contact), `${item.displayName}: follow-up done.`));
  const snooze = (pick: SnoozeKind | { date: string }) =>
    act(async () => {
      const due = snoozeTo(pick);
      if (!due) throw new Error("Pick a date to snooze to.");
      await setFollowUp((await fullLead()).contact, due, item.kind === "followUp" ? (item.why ?? "") : "");
      return `${item.displayName}: snoozed to ${dayText(due.toISOString())}.`;
    });
  const logCall = (touch: TouchWrite) =>
    act(async () => {
      await logTouch(item.contactId, touch, newKey());
      return `${item.displayName}: ${touch.channel === "call" ? "call" : "touch"} logged.`;
    });
  const draft = () =>
    act(async () => {
      const l = await fullLead();
      const refusal = draftRefusal(l);
      if (refusal) throw new Error(`Not drafted to ${item.displayName}: ${refusal}`);
      Office.context.mailbox.displayNewMessageForm({ toRecipients: [l.contact.email ?? item.email!] });
      return null;
    });
  const answer = (a: "accept" | "decline") =>
    act(async () => (await answerHandOver(item.handOverRequestId!, a), `${item.displayName}: hand-over ${a === "accept" ? "accepted" : "declined"}.`));

  return (
    <li className={styles.line} data-testid={`today-line-${item.contactId}`}>
      <span className={styles.head}>
        <Text weight="semibold" className={styles.ellipsis}>
          {item.displayName}
          {item.company ? ` · ${item.company}` : ""}
        </Text>
        <Badge appearance="tint" color="brand">
          {stageLabels[item.stage] ?? item.stage}
        </Badge>
      </span>
      <Text size={200}>{whyOf(item)}</Text>
      <Text size={200} className={styles.meta}>
        {handOver ? `asked ${dayText(item.when)}${item.email ? ` by ${item.email}` : ""}` : dayText(item.when)} · score {Math.round(item.score)}
      </Text>
      <span className={styles.actions}>
        {handOver ? (
          <>
            <Button size="small" disabled={busy} onClick={() => void open()} aria-expanded={panel === "card"}>
              Open
            </Button>
            <Button size="small" appearance="primary" disabled={busy} onClick={() => void answer("accept")}>
              Accept
            </Button>
            <Button size="small" disabled={busy} onClick={() => void answer("decline")}>
              Decline
            </Button>
          </>
        ) : (
          <>
            <Button size="small" disabled={busy} onClick={() => void open()} aria-expanded={panel === "card"}>
              Open
            </Button>
            <Button size="small" disabled={busy} onClick={() => setPanel(panel === "call" ? "none" : "call")}>
              Log call
            </Button>
            {item.kind !== "ripe" && (
              <Button size="small" disabled={busy} onClick={() => void complete()}>
                Complete
              </Button>
            )}
            <Menu>
              <MenuTrigger disableButtonEnhancement>
                <Button size="small" disabled={busy}>
                  Snooze
                </Button>
              </MenuTrigger>
              <MenuPopover>
                <MenuList>
                  <MenuItem onClick={() => void snooze("tomorrow")}>Tomorrow</MenuItem>
                  <MenuItem onClick={() => void snooze("nextWeek")}>Next week</MenuItem>
                  <MenuItem onClick={() => setPanel("date")}>A date…</MenuItem>
                </MenuList>
              </MenuPopover>
            </Menu>
            <Button size="small" disabled={busy} onClick={() => void draft()}>
              Email
            </Button>
          </>
        )}
      </span>
      {problem && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      {panel === "date" && (
        <span className={styles.date}>
          <Input type="date" aria-label="Snooze to" value={date} onChange={(_, d) => setDate(d.value)} />
          <Button size="small" appearance="primary" disabled={busy} onClick={() => void snooze({ date })}>
            Snooze
          </Button>
        </span>
      )}
      {panel === "call" && <TouchForm initial="call" busy={busy} onSubmit={(touch) => logCall(touch)} />}
      {panel === "card" && lead && <ContactCard lookup={lead} item={noItem} onChanged={() => void (handOver ? readCard() : fullLead())} />}
      {panel === "card" && restricted && <RestrictedCard lookup={restricted} item={noItem} />}
    </li>
  );
}
