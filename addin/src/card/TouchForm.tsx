import { useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Select, Spinner, Textarea } from "@fluentui/react-components";
import type { Channel, Outcome, TouchChannel, TouchWrite } from "../api";
import { toLocalInput } from "../format";
import { consentLabels, consentRefusal, type ConsentFlag } from "./consent";
import { NotesField } from "./NotesField";
import { OutcomeField } from "./OutcomeField";
import { channelLabels, handChannels, logLabel, touchDraft } from "./touchDraft";
import { useTouchChannels } from "./useTouchChannels";
import { useCardStyles } from "./styles";

/**
 * Any touch logged by hand: its channel, the outcomes that channel allows, when it happened (now unless the rep
 * backdates it) and notes. A touch the contact's consent refuses can be logged with a reason, which the API keeps.
 */
type TouchFormProps = { initial: Channel; busy: boolean; onSubmit: (touch: TouchWrite) => Promise<unknown> };

export function TouchForm(props: TouchFormProps) {
  const table = useTouchChannels();
  if (table.status === "loading") return <Spinner size="tiny" label="Loading the channels…" />;
  if (table.status === "error")
    return (
      <MessageBar intent="error" layout="multiline" role="alert">
        <MessageBarBody>The channels could not be loaded: {table.message}</MessageBarBody>
      </MessageBar>
    );
  return <TouchFormFields {...props} channels={handChannels(table.channels)} />;
}

function TouchFormFields(props: TouchFormProps & { channels: TouchChannel[] }) {
  const styles = useCardStyles();
  const ruleOf = (c: Channel) => props.channels.find((r) => r.channel === c) ?? props.channels[0];
  const [channel, setChannel] = useState<Channel>(ruleOf(props.initial).channel);
  const [outcome, setOutcome] = useState<Outcome | "">(ruleOf(props.initial).defaultOutcome ?? "");
  const [at, setAt] = useState(() => toLocalInput(new Date()));
  // Left as shown, the time is "now" as the API's clock has it when the touch arrives.
  const [atPicked, setAtPicked] = useState(false);
  const [notes, setNotes] = useState("");
  const [invalid, setInvalid] = useState<{ field: string; message: string } | null>(null);
  const [refused, setRefused] = useState<ConsentFlag | null>(null);
  const [reason, setReason] = useState("");
  const rule = ruleOf(channel);

  async function submit(override: boolean) {
    const draft = touchDraft(rule, outcome, atPicked ? at : null, notes, new Date());
    if (!draft.ok) {
      setInvalid(draft);
      return;
    }
    setInvalid(null);
    const error = await props.onSubmit(override ? { ...draft.write, consentOverrideReason: reason.trim() } : draft.write);
    setRefused(consentRefusal(error));
  }

  const pick = (c: Channel) => {
    setChannel(c);
    setOutcome(ruleOf(c).defaultOutcome ?? "");
    setInvalid(null);
    setRefused(null);
  };
  const message = (field: string) => (invalid?.field === field ? invalid.message : undefined);

  return (
    <form className={styles.form} aria-label="Log a touch" noValidate onSubmit={(e) => (e.preventDefault(), void submit(false))}>
      <Field label="Channel">
        <Select value={channel} onChange={(_, d) => pick(d.value as Channel)}>
          {props.channels.map((c) => (
            <option key={c.channel} value={c.channel}>
              {channelLabels[c.channel]}
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
            {consentLabels[refused].asked} LeadMail logs this {channelLabels[channel].toLowerCase()} only with your reason, which is kept with it.
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
