import { useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Select, Textarea } from "@fluentui/react-components";
import type { Outcome, TouchWrite } from "../api";
import { toLocalInput } from "../format";
import { consentLabels, consentRefusal, type ConsentFlag } from "./consent";
import { NotesField } from "./NotesField";
import { OutcomeField } from "./OutcomeField";
import { channelRules, defaultOutcome, handChannels, logLabel, touchDraft, type HandChannel } from "./touchChannels";
import { useCardStyles } from "./styles";

/**
 * Any touch logged by hand: its channel, the outcomes that channel allows, when it happened (now unless the rep
 * backdates it) and notes. A touch the contact's consent refuses can be logged with a reason, which the API keeps.
 */
export function TouchForm(props: { initial: HandChannel; busy: boolean; onSubmit: (touch: TouchWrite) => Promise<unknown> }) {
  const styles = useCardStyles();
  const [channel, setChannel] = useState<HandChannel>(props.initial);
  const [outcome, setOutcome] = useState<Outcome | "">(defaultOutcome(props.initial));
  const [at, setAt] = useState(() => toLocalInput(new Date()));
  // Left as shown, the time is "now" as the API's clock has it when the touch arrives.
  const [atPicked, setAtPicked] = useState(false);
  const [notes, setNotes] = useState("");
  const [invalid, setInvalid] = useState<{ field: string; message: string } | null>(null);
  const [refused, setRefused] = useState<ConsentFlag | null>(null);
  const [reason, setReason] = useState("");
  const rule = channelRules[channel];

  async function submit(override: boolean) {
    const draft = touchDraft(channel, outcome, atPicked ? at : null, notes, new Date());
    if (!draft.ok) {
      setInvalid(draft);
      return;
    }
    setInvalid(null);
    const error = await props.onSubmit(override ? { ...draft.write, consentOverrideReason: reason.trim() } : draft.write);
    setRefused(consentRefusal(error));
  }

  const pick = (c: HandChannel) => {
    setChannel(c);
    setOutcome(defaultOutcome(c));
    setInvalid(null);
    setRefused(null);
  };
  const message = (field: string) => (invalid?.field === field ? invalid.message : undefined);

  return (
    <form className={styles.form} aria-label="Log a touch" noValidate onSubmit={(e) => (e.preventDefault(), void submit(false))}>
      <Field label="Channel">
        <Select value={channel} onChange={(_, d) => pick(d.value as HandChannel)}>
          {handChannels.map((c) => (
            <option key={c} value={c}>
              {channelRules[c].label}
            </option>
          ))}
        </Select>
      </Field>
      {rule.outcomes.length > 0 && (
        <OutcomeField outcomes={rule.outcomes} required={rule.outcomeRequired} value={outcome} onChange={setOutcome} validationMessage={message("outcome")} autoFocus />
      )}
      <Field label="When" validationMessage={message("when")} hint="Now, or earlier if you log it late.">
        <Input className={styles.input} type="datetime-local" value={at} onChange={(_, d) => (setAt(d.value), setAtPicked(true))} />
      </Field>
      {channel === "note" ? (
        <Field label="Note" required validationMessage={message("notes")}>
          <Textarea value={notes} onChange={(_, d) => setNotes(d.value)} rows={3} maxLength={4000} autoFocus />
        </Field>
      ) : (
        <NotesField value={notes} onChange={setNotes} />
      )}
      {refused ? (
        <MessageBar intent="warning" layout="multiline" role="alert" data-testid="consent-refusal">
          <MessageBarBody>
            <MessageBarTitle>{consentLabels[refused].title}</MessageBarTitle>
            {consentLabels[refused].asked} LeadMail logs this {rule.label.toLowerCase()} only with your reason, which is kept with it.
            <Field label="Why you reach out anyway" required>
              <Textarea value={reason} onChange={(_, d) => setReason(d.value)} rows={2} maxLength={500} autoFocus />
            </Field>
            <div className={styles.row}>
              <Button appearance="primary" disabled={props.busy || !reason.trim()} onClick={() => void submit(true)}>
                Log with this reason
              </Button>
              <Button onClick={() => setRefused(null)}>Don't log it</Button>
            </div>
          </MessageBarBody>
        </MessageBar>
      ) : (
        <Button appearance="primary" type="submit" disabled={props.busy}>
          {logLabel(channel)}
        </Button>
      )}
    </form>
  );
}
