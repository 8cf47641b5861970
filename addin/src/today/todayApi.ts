import { getContact, getJson, lookup, sendJson, type Lookup, type RestrictedLookup } from "../api";
import type { components } from "../generated/api-types";
import { browserZone, type TodayDay } from "./today";

/** The rep's day in the browser's time zone: one request for the whole view. */
export const fetchToday = (signal?: AbortSignal) => getJson<TodayDay>(`/api/me/today?${new URLSearchParams({ tz: browserZone() })}`, signal);

/** The owner (or a manager) answers a colleague's request for a lead; accepting reassigns it with the usual audit. */
export const answerHandOver = (requestId: number, answer: "accept" | "decline") =>
  sendJson<unknown>("POST", `/api/hand-over-requests/${requestId}/${answer}`, {}).then(() => undefined);

/** A request the rep made that waits for the lead's owner, with the lead as the API lets the rep see it. */
export type SentHandOver = components["schemas"]["SentHandOverDto"];

/** The rep's own pending requests. The API offers no way to withdraw one, so the pane offers none. */
export const fetchSentHandOvers = (signal?: AbortSignal) => getJson<SentHandOver[]>("/api/hand-over-requests/sent", signal);

/**
 * The lead's card for a line that knows only the lead's id: read by id, then looked up by its address, which answers
 * the full card or the restricted one as the API decides for this caller.
 */
export async function cardOf(contactId: number): Promise<Lookup | RestrictedLookup> {
  const { contact } = await getContact(contactId);
  if (!contact.email) throw new Error("This lead has no email address to show its card by.");
  const found = await lookup(contact.email, undefined, new AbortController().signal);
  if (!found) throw new Error("This lead is no longer there.");
  return found;
}
