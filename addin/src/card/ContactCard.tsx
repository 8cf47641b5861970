import { useEffect } from "react";
import { MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, Toolbar, ToolbarButton } from "@fluentui/react-components";
import { changeStage, completeFollowUp, correctTouch, logTouch, removeTouch, setConsent, setFollowUp, withdrawFollowUp, type Lookup } from "../api";
import type { OpenItem } from "../office";
import { stageLabels, when, words } from "../format";
import { FollowUpForm } from "./FollowUpForm";
import { LeadFacts } from "./LeadFacts";
import { consentRefusal } from "./consent";
import { ConsentForm, consentLabels } from "./ConsentForm";
import { ProfileForm } from "./ProfileForm";
import { StageForm } from "./StageForm";
import { Timeline } from "./Timeline";
import { TouchForm } from "./TouchForm";
import { channelLabels } from "./touchDraft";
import { useCardAction, type Action } from "./useCardAction";
import { warningsOf } from "./warnings";
import { useCardStyles } from "./styles";

const actions: [Exclude<Action, null>, string][] = [
  ["touch", "Log call"],
  ["note", "Note"],
  ["followUp", "Follow-up"],
  ["stage", "Stage"],
  ["profile", "Profile"],
  ["consent", "Consent"],
];

/** How often the card asks again while the lead's history is being fetched. */
const historyPollMs = 5000;

/** A known lead beside the open item: warnings, facts, one-click actions and the latest touches. */
export function ContactCard({ lookup, item, onChanged }: { lookup: Lookup; item: OpenItem; onChanged: () => void }) {
  const styles = useCardStyles();
  const c = lookup.contact;
  const { action, open, status, clearStatus, busy, key, run } = useCardAction(onChanged);
  const historyFetching = lookup.historyFetching === true;
  // The worker fills in a new lead's past mail and meetings: ask again gently until it is done.
  useEffect(() => {
    if (!historyFetching) return;
    const timer = setTimeout(onChanged, historyPollMs);
    return () => clearTimeout(timer);
  }, [historyFetching, lookup, onChanged]);
  const canLogEmail = item.kind === "message" && item.mode === "read" && !!item.internetMessageId && lookup.messageLogged === false;

  const logThisEmail = () =>
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
    );

  return (
    <section className={styles.card} aria-label={`Lead ${c.displayName}`}>
      {warningsOf(lookup, item.mode === "compose").map((w) => (
        <MessageBar key={w.title} intent={w.intent} role={w.intent === "error" ? "alert" : "status"} data-testid="lead-warning">
          <MessageBarBody>
            <MessageBarTitle>{w.title}</MessageBarTitle>
            {w.detail}
          </MessageBarBody>
        </MessageBar>
      ))}

      <LeadFacts lookup={lookup} item={item} />

      <Toolbar aria-label={`Actions for ${c.displayName}`} className={styles.toolbar} size="small">
        {actions.map(([a, label]) => (
          <ToolbarButton key={a} className={styles.action} appearance={action === a ? "primary" : "subtle"} aria-expanded={action === a} onClick={() => open(a)}>
            {label}
          </ToolbarButton>
        ))}
        {canLogEmail && (
          <ToolbarButton className={styles.action} appearance="subtle" disabled={busy} onClick={logThisEmail}>
            Log this email
          </ToolbarButton>
        )}
      </Toolbar>

      {(action === "touch" || action === "note") && (
        <TouchForm
          key={action}
          initial={action === "note" ? "note" : "call"}
          busy={busy}
          onSubmit={(touch) => run(() => logTouch(c.id, touch, key), `${touch.channel ? channelLabels[touch.channel] : "Touch"} logged.`, (e) => consentRefusal(e) !== null)}
        />
      )}
      {action === "followUp" && (
        <FollowUpForm
          busy={busy}
          hasFollowUp={!!lookup.nextFollowUpDue}
          initialNote={lookup.nextFollowUpNote ?? ""}
          onSave={(due, note) => run(() => setFollowUp(c, due, note), `Follow-up set for ${when(due.toISOString())}.`)}
          onComplete={() => run(() => completeFollowUp(c), "Follow-up kept: recorded as done.")}
          onWithdraw={() => run(() => withdrawFollowUp(c), "Follow-up withdrawn.")}
        />
      )}
      {action === "stage" && <StageForm busy={busy} current={c.stage} onSubmit={(stage, reason) => run(() => changeStage(c, stage, reason), `Stage changed to ${stageLabels[stage]}.`)} />}

      {action === "consent" && (
        <ConsentForm
          lookup={lookup}
          busy={busy}
          onChange={(flag, value) =>
            run(() => setConsent(c.id, { [flag]: value }), value ? `Recorded: ${consentLabels[flag].toLowerCase()}.` : `Taken back: ${consentLabels[flag].toLowerCase()}.`)
          }
        />
      )}
      {action === "profile" && <ProfileForm contactId={c.id} onCancel={() => open(null)} onSaved={() => run(async () => undefined, "Profile saved.")} />}

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
      {historyFetching && (
        <MessageBar intent="info" role="status" data-testid="history-fetching">
          <MessageBarBody>
            <Spinner size="extra-tiny" as="span" className={styles.inlineSpinner} /> Fetching past emails and meetings…
          </MessageBarBody>
        </MessageBar>
      )}
      <Timeline
        touches={lookup.interactions}
        busy={busy}
        onOpen={clearStatus}
        onCorrect={(t, patch) => run(() => correctTouch(c.id, t.id, patch), `${words(t.channel)} corrected.`)}
        onRemove={(t) => run(() => removeTouch(c.id, t.id), `${words(t.channel)} removed.`)}
      />
    </section>
  );
}
