import type { Channel, Outcome, TouchWrite } from "../api";

export type HandChannel = Exclude<Channel, "email">;

interface ChannelRule {
  label: string;
  /** The outcomes the API accepts for the channel (InteractionEndpoints.OutcomesByChannel). */
  outcomes: Outcome[];
  /** A call always says how it went; the other channels may leave it out. */
  outcomeRequired: boolean;
}

/** The touches a rep logs by hand from the pane; emails are logged from the open message instead. */
export const channelRules: Record<HandChannel, ChannelRule> = {
  call: { label: "Call", outcomes: ["connected", "leftMessage", "spokeToSomeoneElse", "noAnswer"], outcomeRequired: true },
  voicemail: { label: "Voicemail", outcomes: ["leftMessage"], outcomeRequired: false },
  letter: { label: "Letter", outcomes: ["bounced"], outcomeRequired: false },
  visit: { label: "Visit", outcomes: ["connected", "held", "noAnswer", "spokeToSomeoneElse"], outcomeRequired: false },
  meeting: { label: "Meeting in person", outcomes: ["held", "cancelled"], outcomeRequired: false },
  note: { label: "Note", outcomes: [], outcomeRequired: false },
};

export const handChannels = Object.keys(channelRules) as HandChannel[];

export const outcomeLabels: Record<Outcome, string> = {
  connected: "Connected",
  leftMessage: "Left a message",
  spokeToSomeoneElse: "Spoke to someone else",
  noAnswer: "No answer",
  bounced: "Returned undelivered",
  held: "Held",
  cancelled: "Cancelled",
};

/** The outcome a fresh form shows for the channel: a required one starts at the first choice, the others at none. */
export const defaultOutcome = (channel: HandChannel): Outcome | "" =>
  channelRules[channel].outcomeRequired || channel === "voicemail" ? channelRules[channel].outcomes[0] : "";

/** The submit button's words, so the rep sees what is about to be logged. */
export const logLabel = (channel: HandChannel) => `Log ${channelRules[channel].label.toLowerCase()}`;

export type TouchDraft = { ok: true; write: TouchWrite } | { ok: false; field: "when" | "outcome" | "notes"; message: string };

/**
 * The touch as the API takes it, or what is wrong with the form. `at` is a datetime-local value (the rep's
 * local time), or null for "now", which the API's clock then stamps; a minute past now is still now, anything
 * later has not happened yet.
 */
export function touchDraft(channel: HandChannel, outcome: Outcome | "", at: string | null, notes: string, now: Date): TouchDraft {
  const when = at === null ? null : new Date(at);
  if (when && Number.isNaN(when.getTime())) return { ok: false, field: "when", message: "Say when it happened." };
  if (when && when.getTime() > now.getTime() + 60_000)
    return { ok: false, field: "when", message: "That is in the future: log a touch once it has happened, or set a follow-up instead." };
  const rule = channelRules[channel];
  if (outcome && !rule.outcomes.includes(outcome)) return { ok: false, field: "outcome", message: `A ${rule.label.toLowerCase()} cannot be ${outcomeLabels[outcome].toLowerCase()}.` };
  if (rule.outcomeRequired && !outcome) return { ok: false, field: "outcome", message: `Say how the ${rule.label.toLowerCase()} went.` };
  const text = notes.trim();
  if (channel === "note" && !text) return { ok: false, field: "notes", message: "Write the note." };
  return { ok: true, write: { channel, outcome: outcome || undefined, occurredAt: when?.toISOString(), notes: text || undefined } };
}
