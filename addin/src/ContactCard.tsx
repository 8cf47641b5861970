import { useEffect, useState, type ReactNode } from "react";
import {
  Badge,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  Textarea,
  Toolbar,
  ToolbarButton,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import {
  ApiError,
  canChange,
  changeStage,
  correctTouch,
  defaultFrequencyCap,
  logTouch,
  me,
  patchContact,
  removeTouch,
  type Lookup,
  type Me,
  type Outcome,
  type Stage,
  type Touch,
  type TouchCorrection,
} from "./api";
import type { OpenItem } from "./office";
import { day, newKey, outcomeLabels, quickPick, stageLabels, stagesNeedingReason, toLocalInput, when, words } from "./format";

const useStyles = makeStyles({
  card: { display: "flex", flexDirection: "column", gap: "10px" },
  facts: { display: "grid", gridTemplateColumns: "auto 1fr", columnGap: "12px", rowGap: "4px", margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: "anywhere" },
  overdue: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  toolbar: { flexWrap: "wrap", padding: 0, gap: "4px", marginLeft: "-6px" },
  action: { minWidth: "auto", paddingLeft: "6px", paddingRight: "6px" },
  form: {
    display: "flex",
    flexDirection: "column",
    gap: "8px",
    padding: "10px",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  row: { display: "flex", gap: "6px", flexWrap: "wrap" },
  input: { minWidth: 0, width: "100%" },
  timeline: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "6px" },
  touch: { display: "grid", gridTemplateColumns: "1fr auto", columnGap: "8px", borderLeft: `2px solid ${tokens.colorBrandStroke1}`, paddingLeft: "8px" },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface Warning {
  intent: "error" | "warning";
  title: string;
  detail: string;
}

export function capOf(l: Lookup) {
  const status = l.frequencyCap;
  const cap = status?.cap ?? defaultFrequencyCap;
  const used = status?.outboundTouchesInWindow ?? l.outboundTouchesLast7Days;
  return { cap, used, days: status?.windowDays ?? 7, reached: status?.reached ?? used >= cap };
}

/** Consent and the frequency cap: what a rep must see before writing to this person. */
export function warningsOf(l: Lookup, composing: boolean): Warning[] {
  const w: Warning[] = [];
  if (l.unsubscribed) w.push({ intent: "error", title: "Unsubscribed", detail: "This person unsubscribed: do not send them marketing email." });
  if (l.doNotEmail) w.push({ intent: "error", title: "Do not email", detail: "This person asked not to be emailed." });
  if (l.doNotCall) w.push({ intent: composing ? "warning" : "error", title: "Do not call", detail: "This person asked not to be called." });
  const { cap, used, days, reached } = capOf(l);
  if (reached)
    w.push({
      intent: composing ? "error" : "warning",
      title: "Contact cap reached",
      detail: `${used} outbound touches in the last ${days} days (cap ${cap}). Another email now risks being too much.`,
    });
  return w;
}

type Action = "call" | "note" | "followUp" | "stage" | null;
type Status = { intent: "success" | "error"; text: string } | null;

export function ContactCard({ lookup, item, onChanged }: { lookup: Lookup; item: OpenItem; onChanged: () => void }) {
  const styles = useStyles();
  const c = lookup.contact;
  const [action, setAction] = useState<Action>(null);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newKey);
  const [caller, setCaller] = useState<Me | null>(null);
  // The one touch of the timeline being corrected or removed.
  const [changing, setChanging] = useState<{ id: number; how: "correct" | "remove" } | null>(null);
  const composing = item.mode === "compose";

  // Only to offer "Correct" and "Remove" on the rep's own touches: without it the timeline offers neither.
  useEffect(() => {
    me().then(setCaller, () => setCaller(null));
  }, []);
  const { cap, used, days, reached } = capOf(lookup);

  // One idempotency key per user action: a retried click of the same form reuses it, the next action gets a new one.
  async function run(what: () => Promise<unknown>, success: string) {
    setBusy(true);
    setStatus(null);
    try {
      await what();
      setStatus({ intent: "success", text: success });
      setAction(null);
      setKey(newKey());
      onChanged();
    } catch (e) {
      let text = e instanceof Error ? e.message : String(e);
      // Someone changed the lead meanwhile: fetch the current version so the rep's next try can succeed.
      if (e instanceof ApiError && e.status === 412) {
        text += " LeadMail has reloaded the lead: check it and save again.";
        onChanged();
      }
      setStatus({ intent: "error", text });
    } finally {
      setBusy(false);
    }
  }

  const open = (a: Action) => {
    setStatus(null);
    setAction(action === a ? null : a);
  };

  const canLogEmail = item.kind === "message" && item.mode === "read" && !!item.internetMessageId && lookup.messageLogged === false;

  return (
    <section className={styles.card} aria-label={`Lead ${c.displayName}`}>
      {warningsOf(lookup, composing).map((w) => (
        <MessageBar key={w.title} intent={w.intent} role={w.intent === "error" ? "alert" : "status"} data-testid="lead-warning">
          <MessageBarBody>
            <MessageBarTitle>{w.title}</MessageBarTitle>
            {w.detail}
          </MessageBarBody>
        </MessageBar>
      ))}

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

      <Toolbar aria-label={`Actions for ${c.displayName}`} className={styles.toolbar} size="small">
        <ToolbarButton className={styles.action} appearance={action === "call" ? "primary" : "subtle"} aria-expanded={action === "call"} onClick={() => open("call")}>
          Log call
        </ToolbarButton>
        <ToolbarButton className={styles.action} appearance={action === "note" ? "primary" : "subtle"} aria-expanded={action === "note"} onClick={() => open("note")}>
          Note
        </ToolbarButton>
        <ToolbarButton className={styles.action} appearance={action === "followUp" ? "primary" : "subtle"} aria-expanded={action === "followUp"} onClick={() => open("followUp")}>
          Follow-up
        </ToolbarButton>
        <ToolbarButton className={styles.action} appearance={action === "stage" ? "primary" : "subtle"} aria-expanded={action === "stage"} onClick={() => open("stage")}>
          Stage
        </ToolbarButton>
        {canLogEmail && (
          <ToolbarButton
            className={styles.action}
            appearance="subtle"
            disabled={busy}
            onClick={() =>
              run(
                () =>
                  logTouch(
                    c.id,
                    {
                      channel: "email",
                      direction: item.from && c.email && item.from === c.email.toLowerCase() ? "inbound" : "outbound",
                      subject: item.subject,
                      occurredAt: item.sentAt,
                      internetMessageId: item.internetMessageId,
                    },
                    key,
                  ),
                "This email is logged.",
              )
            }
          >
            Log this email
          </ToolbarButton>
        )}
      </Toolbar>

      {action === "call" && <CallForm busy={busy} onSubmit={(outcome, notes) => run(() => logTouch(c.id, { channel: "call", outcome, notes: notes || undefined }, key), "Call logged.")} />}
      {action === "note" && <NoteForm busy={busy} onSubmit={(notes) => run(() => logTouch(c.id, { channel: "note", notes }, key), "Note logged.")} />}
      {action === "followUp" && (
        <FollowUpForm
          busy={busy}
          hasFollowUp={!!lookup.nextFollowUpDue}
          initialNote={lookup.nextFollowUpNote ?? ""}
          onSave={(due, note) => run(() => patchContact(c, { nextFollowUpDue: due.toISOString(), nextFollowUpNote: note || null }), `Follow-up set for ${when(due.toISOString())}.`)}
          onComplete={() => run(() => patchContact(c, { nextFollowUpDue: null, nextFollowUpNote: null }), "Follow-up completed.")}
        />
      )}
      {action === "stage" && (
        <StageForm busy={busy} current={c.stage} onSubmit={(stage, reason) => run(() => changeStage(c, stage, reason, key), `Stage changed to ${stageLabels[stage]}.`)} />
      )}

      <div aria-live="polite" data-testid="action-status">
        {status && (
          <MessageBar intent={status.intent} layout="multiline">
            <MessageBarBody>{status.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>

      <Text as="h2" size={300} weight="semibold">
        Last touches
      </Text>
      {lookup.interactions.length === 0 ? (
        <Text className={styles.muted}>No touches yet.</Text>
      ) : (
        <ol className={styles.timeline} data-testid="timeline">
          {lookup.interactions.slice(0, 6).map((t) => (
            <li key={t.id} className={styles.touch}>
              <Text weight="semibold" size={200}>
                {words(t.channel)}
                {t.direction !== "none" ? ` · ${t.direction}` : ""}
                {t.outcome ? ` · ${words(t.outcome)}` : ""}
              </Text>
              <Text size={200} className={styles.muted}>
                <time dateTime={t.occurredAt}>{day(t.occurredAt)}</time>
              </Text>
              <Text size={200} className={styles.muted} style={{ gridColumn: "1 / span 2" }}>
                {t.subjectHidden ? "Subject private to its mailbox" : t.subject || t.notes || ""}
              </Text>
              {canChange(t, caller) &&
                (changing?.id === t.id && changing.how === "remove" ? (
                  <div className={styles.row} style={{ gridColumn: "1 / span 2" }} role="group" aria-label={`Remove this ${words(t.channel).toLowerCase()}?`}>
                    <Text size={200}>Remove this {words(t.channel).toLowerCase()}? It comes out of the lead's counts.</Text>
                    <Button size="small" appearance="primary" disabled={busy}
                      onClick={() => run(() => removeTouch(c.id, t.id), `${words(t.channel)} removed.`).then(() => setChanging(null))}>
                      Remove touch
                    </Button>
                    <Button size="small" onClick={() => setChanging(null)}>
                      Keep
                    </Button>
                  </div>
                ) : changing?.id === t.id ? (
                  <div style={{ gridColumn: "1 / span 2" }}>
                    <TouchCorrectionForm touch={t} busy={busy} onCancel={() => setChanging(null)}
                      onSubmit={(patch) => run(() => correctTouch(c.id, t.id, patch), `${words(t.channel)} corrected.`).then(() => setChanging(null))} />
                  </div>
                ) : (
                  <div className={styles.row} style={{ gridColumn: "1 / span 2" }}>
                    <Button size="small" appearance="subtle" className={styles.action}
                      aria-label={`Correct ${words(t.channel).toLowerCase()} of ${day(t.occurredAt)}`} onClick={() => (setStatus(null), setChanging({ id: t.id, how: "correct" }))}>
                      Correct
                    </Button>
                    <Button size="small" appearance="subtle" className={styles.action}
                      aria-label={`Remove ${words(t.channel).toLowerCase()} of ${day(t.occurredAt)}`} onClick={() => (setStatus(null), setChanging({ id: t.id, how: "remove" }))}>
                      Remove
                    </Button>
                  </div>
                ))}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.term}>
        <Text size={200}>{term}</Text>
      </dt>
      <dd className={styles.value}>
        <Text size={200}>{children}</Text>
      </dd>
    </>
  );
}

/** A call's outcome, as the rep picks it when logging the call or correcting it. */
function CallOutcomeField(props: { value: Outcome | ""; onChange: (o: Outcome) => void; autoFocus?: boolean }) {
  return (
    <Field label="Outcome">
      <Select value={props.value} onChange={(_, d) => props.onChange(d.value as Outcome)} autoFocus={props.autoFocus}>
        {Object.entries(outcomeLabels).map(([v, label]) => (
          <option key={v} value={v}>
            {label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

function CallNotesField(props: { value: string; onChange: (notes: string) => void }) {
  return (
    <Field label="Notes">
      <Textarea value={props.value} onChange={(_, d) => props.onChange(d.value)} rows={2} maxLength={4000} />
    </Field>
  );
}

function CallForm({ busy, onSubmit }: { busy: boolean; onSubmit: (o: Outcome, notes: string) => void }) {
  const styles = useStyles();
  const [outcome, setOutcome] = useState<Outcome>("connected");
  const [notes, setNotes] = useState("");
  return (
    <form className={styles.form} aria-label="Log a call" onSubmit={(e) => (e.preventDefault(), onSubmit(outcome, notes.trim()))}>
      <CallOutcomeField value={outcome} onChange={setOutcome} autoFocus />
      <CallNotesField value={notes} onChange={setNotes} />
      <Button appearance="primary" type="submit" disabled={busy}>
        Log call
      </Button>
    </form>
  );
}

function NoteForm({ busy, onSubmit }: { busy: boolean; onSubmit: (notes: string) => void }) {
  const styles = useStyles();
  const [notes, setNotes] = useState("");
  return (
    <form className={styles.form} aria-label="Log a note" onSubmit={(e) => (e.preventDefault(), notes.trim() && onSubmit(notes.trim()))}>
      <Field label="Note" required>
        <Textarea value={notes} onChange={(_, d) => setNotes(d.value)} rows={3} maxLength={4000} autoFocus />
      </Field>
      <Button appearance="primary" type="submit" disabled={busy || !notes.trim()}>
        Log note
      </Button>
    </form>
  );
}

/** What a rep corrects of a touch they logged: when it was, a call's outcome, the notes. Sends only what changed. */
function TouchCorrectionForm(props: { touch: Touch; busy: boolean; onSubmit: (patch: TouchCorrection) => void; onCancel: () => void }) {
  const styles = useStyles();
  const t = props.touch;
  const [at, setAt] = useState(toLocalInput(new Date(t.occurredAt)));
  const [outcome, setOutcome] = useState((t.outcome ?? "") as Outcome | "");
  const [notes, setNotes] = useState(t.notes ?? "");
  const isCall = t.channel === "call";
  function submit() {
    const patch: TouchCorrection = {};
    if (at && at !== toLocalInput(new Date(t.occurredAt))) patch.occurredAt = new Date(at).toISOString();
    if (isCall && outcome && outcome !== t.outcome) patch.outcome = outcome;
    if (notes.trim() !== (t.notes ?? "")) patch.notes = notes.trim() || null;
    if (Object.keys(patch).length === 0) props.onCancel();
    else props.onSubmit(patch);
  }
  return (
    <form className={styles.form} aria-label={`Correct this ${words(t.channel).toLowerCase()}`} onSubmit={(e) => (e.preventDefault(), submit())}>
      <Field label="When">
        <Input className={styles.input} type="datetime-local" value={at} onChange={(_, d) => setAt(d.value)} required />
      </Field>
      {isCall && <CallOutcomeField value={outcome} onChange={setOutcome} />}
      <CallNotesField value={notes} onChange={setNotes} />
      <div className={styles.row}>
        <Button appearance="primary" type="submit" disabled={props.busy || !at}>
          Save correction
        </Button>
        <Button onClick={props.onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

function FollowUpForm(props: { busy: boolean; hasFollowUp: boolean; initialNote: string; onSave: (due: Date, note: string) => void; onComplete: () => void }) {
  const styles = useStyles();
  const [due, setDue] = useState(toLocalInput(quickPick("tomorrow")));
  const [note, setNote] = useState(props.initialNote);
  const picks = [
    ["tomorrow", "Tomorrow"],
    ["in3days", "In 3 days"],
    ["nextWeek", "Next week"],
  ] as const;
  return (
    <form
      className={styles.form}
      aria-label="Set the follow-up"
      onSubmit={(e) => {
        e.preventDefault();
        if (due) props.onSave(new Date(due), note.trim());
      }}
    >
      <div className={styles.row} role="group" aria-label="Quick picks">
        {picks.map(([k, label]) => (
          <Button key={k} size="small" onClick={() => setDue(toLocalInput(quickPick(k)))}>
            {label}
          </Button>
        ))}
      </div>
      <Field label="Due">
        <Input className={styles.input} type="datetime-local" value={due} onChange={(_, d) => setDue(d.value)} required />
      </Field>
      <Field label="What to do">
        <Input className={styles.input} value={note} onChange={(_, d) => setNote(d.value)} maxLength={400} />
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" type="submit" disabled={props.busy || !due}>
          Save follow-up
        </Button>
        {props.hasFollowUp && (
          <Button disabled={props.busy} onClick={props.onComplete}>
            Mark done
          </Button>
        )}
      </div>
    </form>
  );
}

function StageForm({ busy, current, onSubmit }: { busy: boolean; current: Stage; onSubmit: (s: Stage, reason: string) => void }) {
  const styles = useStyles();
  const [stage, setStage] = useState<Stage>(current);
  const [reason, setReason] = useState("");
  const needsReason = stagesNeedingReason.includes(stage);
  const missing = needsReason && !reason.trim();
  return (
    <form className={styles.form} aria-label="Change the stage" onSubmit={(e) => (e.preventDefault(), !missing && onSubmit(stage, reason.trim()))}>
      <Field label="Stage">
        <Select value={stage} onChange={(_, d) => setStage(d.value as Stage)} autoFocus>
          {Object.entries(stageLabels).map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Reason" required={needsReason} hint={needsReason ? "Required when a lead is lost or returned to nurture." : undefined}>
        <Textarea value={reason} onChange={(_, d) => setReason(d.value)} rows={2} maxLength={1000} />
      </Field>
      <Button appearance="primary" type="submit" disabled={busy || stage === current || missing}>
        Change stage
      </Button>
    </form>
  );
}
