import type { Channel, Outcome, TouchChannel, TouchWrite } from "../api";

/** The channels as a rep says them. */
export const channelLabels: Record<Channel, string> = {
  email: "Email",
  call: "Call",
  voicemail: "Voicemail",
  letter: "Letter",
  visit: "Visit",
  meeting: "Meeting in person",
  note: "Note",
};

export const outcomeLabels: Record<Outcome, string> = {
  connected: "Connected",
  leftMessage: "Left a message",
  spokeToSomeoneElse: "Spoke to someone else",
  noAnswer: "No answer",
  bounced: "Returned undelivered",
  held: "Held",
  cancelled: "Cancelled",
};

/** The touches a rep logs by hand: an email has a direction and is logged from the open message instead. */
export const handChannels = (table: TouchChannel[]) => table.filter((c) => !c.directionRequired);

/** The submit button's words, so the rep sees what is about to be logged. */
export const logLabel = (channel: Channel) => `Log ${channelLabels[channel].toLowerCase()}`;

export type TouchDraft = { ok: true; write: TouchWrite } | { ok: false; field: "when" | "outcome" | "notes"; message: string };

/**
 * The touch as the API takes it, or what is wrong with the form, checked against the server's rule for the channel.
 * `at` is a datetime-local value (the rep's local time), or null for "now", which the API's clock then stamps; a
 * minute past now is still now, anything later has not happened yet.
 */
export function touchDraft(rule: TouchChannel, outcome: Outcome | "", at: string | null, notes: string, now: Date): TouchDraft {
  const when = at === null ? null : new Date(at);
  const label = channelLabels[rule.channel].toLowerCase();
  if (when && Number.isNaN(when.getTime())) return { ok: false, field: "when", message: "Say when it happened." };
  if (when && when.getTime() > now.getTime() + 60_000)
    return { ok: false, field: "when", message: "That is in the future: log a touch once it has happened, or set a follow-up instead." };
  if (outcome && !rule.outcomes.includes(outcome)) return { ok: false, field: "outcome", message: `A ${label} cannot be ${outcomeLabels[outcome].toLowerCase()}.` };
  if (rule.outcomeRequired && !outcome) return { ok: false, field: "outcome", message: `Say how the ${label} went.` };
  const text = notes.trim();
  if (rule.channel === "note" && !text) return { ok: false, field: "notes", message: "Write the note." };
  return { ok: true, write: { channel: rule.channel, outcome: outcome || undefined, occurredAt: when?.toISOString(), notes: text || undefined } };
}
