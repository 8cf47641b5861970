import { getToken, forgetToken } from "./auth";
import type { components } from "./generated/api-types";

type Schemas = components["schemas"];

// The API's JSON, as generated from its OpenAPI document (npm run api-types).
export type Stage = Schemas["Stage"];
export type Outcome = Schemas["Outcome"];
export type Channel = Schemas["Channel"];
export type Contact = Schemas["ContactDto"];
export type Touch = Schemas["InteractionDto"];
export type Lookup = Schemas["ContactLookupDto"];
/** A colleague's lead: who owns it and what must be respected, nothing of its history. */
export type RestrictedLookup = Schemas["RestrictedLookupDto"];
export type FrequencyCap = Schemas["FrequencyCapDto"];
export type Me = Schemas["RepDto"];
export type StageMove = Schemas["StageMoveDto"];
/** A channel a touch is logged on, with the outcomes the API accepts for it. */
export type TouchChannel = Schemas["TouchChannelDto"];
export type NewLead = Schemas["ContactWrite"];
export type TouchWrite = Schemas["InteractionWrite"];
export type TouchCorrection = Schemas["TouchCorrectionWrite"];
export type FollowUpState = Schemas["FollowUpStateDto"];

/** A ProblemDetails answer (with field errors for a 400), and the status it came with. */
export type Problem = Schemas["HttpValidationProblemDetails"] & { status: number };

/** An API failure in words a rep can act on: ProblemDetails title, detail and field errors. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Problem) {
    super(describeProblem(problem));
  }
}

export function describeProblem(p: Problem): string {
  const parts = [p.title, p.detail].filter((s): s is string => !!s && s.trim().length > 0);
  for (const [field, messages] of Object.entries(p.errors ?? {})) {
    for (const m of messages) parts.push(m.toLowerCase().startsWith(field.toLowerCase()) ? m : `${field}: ${m}`);
  }
  if (parts.length === 0) parts.push(`The LeadMail API answered ${p.status}.`);
  return parts.join(" — ").replace(/\.\s—/g, ". —");
}

interface Sent<T> {
  status: number;
  data: T;
  etag: string | null;
}

/** A fetch with the bearer token that turns every failure into an ApiError (a 401 also forgets a pasted token). */
async function authorizedFetch(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
  const token = await getToken();
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      signal,
      headers: {
        Accept: "application/json",
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "Content-Type": method === "PATCH" ? "application/merge-patch+json" : "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError(0, { status: 0, title: "LeadMail is out of reach", detail: `The API at ${location.origin} did not answer. Check the connection and try again.` });
  }
  if (!response.ok) {
    const text = await response.text();
    const json = text ? safeJson(text) : null;
    if (response.status === 401) forgetToken();
    const problem: Problem = json && typeof json === "object" ? { status: response.status, ...(json as object) } : { status: response.status };
    if (response.status === 401 && !problem.title) problem.title = "Your sign-in was refused or has expired. Sign in again.";
    throw new ApiError(response.status, problem);
  }
  return response;
}

async function send<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Sent<T>> {
  const response = await authorizedFetch(method, path, body, headers, signal);
  const text = await response.text();
  return { status: response.status, data: (text ? safeJson(text) : null) as T, etag: response.headers.get("ETag") };
}

/** A GET of any JSON resource with the bearer token (the dashboard's reports). */
export const getJson = <T>(path: string, signal?: AbortSignal) => send<T>("GET", path, undefined, {}, signal).then((r) => r.data);

/** A GET of a file with the bearer token, and the name the API gave it in Content-Disposition. */
export async function getFile(path: string, accept: string, fallbackName: string): Promise<{ blob: Blob; fileName: string }> {
  const response = await authorizedFetch("GET", path, undefined, { Accept: accept });
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const named = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  return { blob: await response.blob(), fileName: named ? decodeURIComponent(named) : fallbackName };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { title: text.slice(0, 200) };
  }
}

/** One request per participant: the contact, its latest touches and its warnings; null for an unknown address. */
export async function lookup(email: string, internetMessageId: string | undefined, signal: AbortSignal): Promise<Lookup | RestrictedLookup | null> {
  const query = new URLSearchParams({ email });
  if (internetMessageId) query.set("internetMessageId", internetMessageId);
  try {
    return (await send<Lookup | RestrictedLookup>("GET", `/api/contacts/lookup?${query}`, undefined, {}, signal)).data;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/** Asks the owner (and the managers) to hand a colleague's lead over to the caller. */
export const askForLead = (contactId: number, note?: string) =>
  send<unknown>("POST", `/api/contacts/${contactId}/hand-over-requests`, { note: note || undefined }).then((r) => r.data);

export const addLead = (lead: NewLead) => send<Contact>("POST", "/api/contacts", lead).then((r) => r.data);

/** Each user action carries its own Idempotency-Key, so a retried click never logs a touch twice. */
export const logTouch = (contactId: number, touch: TouchWrite, idempotencyKey: string) =>
  send<Touch>("POST", `/api/contacts/${contactId}/interactions`, { ...touch, origin: "addin" }, { "Idempotency-Key": idempotencyKey }).then((r) => r.data);

/** Corrects a touch logged by hand (a JSON merge patch); the API recomputes the lead as if it had been logged right. */
export const correctTouch = (contactId: number, touchId: number, patch: TouchCorrection) =>
  send<Touch>("PATCH", `/api/contacts/${contactId}/interactions/${touchId}`, patch).then((r) => r.data);

/** Takes out a touch logged by mistake; the API recomputes the lead's counts, score and follow-up. */
export const removeTouch = (contactId: number, touchId: number) => send<null>("DELETE", `/api/contacts/${contactId}/interactions/${touchId}`).then(() => undefined);

let meOnce: Promise<Me> | null = null;

/** The signed-in rep, asked once per pane: a manager is offered the stage moves only managers may make. */
export function me(): Promise<Me> {
  meOnce ??= send<Me>("GET", "/api/me").then((r) => r.data);
  meOnce.catch(() => (meOnce = null));
  return meOnce;
}

let transitionsOnce: Promise<StageMove[]> | null = null;

/** The server's stage table, asked once per pane: which moves it allows from a stage and which need a reason. */
export function stageMoves(): Promise<StageMove[]> {
  transitionsOnce ??= send<StageMove[]>("GET", "/api/pipeline/transitions").then((r) => r.data);
  transitionsOnce.catch(() => (transitionsOnce = null));
  return transitionsOnce;
}

let channelsOnce: Promise<TouchChannel[]> | null = null;

/** The server's channel table, asked once per pane: the outcomes each channel allows, which is required, which a form starts at. */
export function touchChannels(): Promise<TouchChannel[]> {
  channelsOnce ??= send<TouchChannel[]>("GET", "/api/touch-channels").then((r) => r.data);
  channelsOnce.catch(() => (channelsOnce = null));
  return channelsOnce;
}

// The contact's version as the lookup read it: a change made meanwhile by someone else answers 412, never overwritten.
const ifMatch = (contact: Contact) => ({ "If-Match": `"${contact.version}"` });

/** Every move goes through the stage endpoint, which records it with its reason. */
export const changeStage = (contact: Contact, stage: Stage, reason: string) =>
  send<Contact>("POST", `/api/contacts/${contact.id}/stage`, { stage, reason: reason || null }).then((r) => r.data);

/** Promises the next contact, replacing the open follow-up. */
export const setFollowUp = (contact: Contact, due: Date, note: string) =>
  send("PUT", `/api/contacts/${contact.id}/follow-up`, { dueAt: due.toISOString(), note: note || null }, ifMatch(contact)).then(() => undefined);

/** Records the open follow-up as kept: the follow-ups report counts it done, not withdrawn. */
export const completeFollowUp = (contact: Contact) =>
  send<FollowUpState>("POST", `/api/contacts/${contact.id}/follow-up/complete`, undefined, ifMatch(contact)).then((r) => r.data);

/** A JSON request of any method with the bearer token (the managers' console); the answer's body, status and Location. */
export async function sendJson<T>(method: string, path: string, body?: unknown): Promise<{ status: number; data: T; location: string | null }> {
  const response = await authorizedFetch(method, path, body);
  const text = await response.text();
  return { status: response.status, data: (text ? safeJson(text) : null) as T, location: response.headers.get("Location") };
}

/** A multipart upload with the bearer token (an import's file and its fields); the answer's body, status and Location. */
export async function postForm<T>(path: string, form: FormData): Promise<{ status: number; data: T; location: string | null }> {
  const token = await getToken();
  let response: Response;
  try {
    response = await fetch(path, { method: "POST", headers: { Accept: "application/json", Authorization: `Bearer ${token}` }, body: form });
  } catch {
    throw new ApiError(0, { status: 0, title: "LeadMail is out of reach", detail: `The API at ${location.origin} did not answer. Check the connection and try again.` });
  }
  const text = await response.text();
  const json = text ? safeJson(text) : null;
  if (!response.ok) {
    if (response.status === 401) forgetToken();
    throw new ApiError(response.status, json && typeof json === "object" ? { status: response.status, ...(json as object) } : { status: response.status });
  }
  return { status: response.status, data: json as T, location: response.headers.get("Location") };
}

/** Withdraws the open follow-up: nobody keeps it, and the follow-ups report counts it withdrawn, not done. */
export type ConsentChange = Schemas["ConsentWrite"];

/** Records what the lead asked (not to be called or emailed, unsubscribed) or takes it back; each change is kept with who and when. */
export const setConsent = (contactId: number, change: ConsentChange) =>
  send<Schemas["ConsentDto"]>("PUT", `/api/contacts/${contactId}/consent`, change).then((r) => r.data);

export const withdrawFollowUp = (contact: Contact) => send<null>("DELETE", `/api/contacts/${contact.id}/follow-up`).then(() => undefined);

/** A contact as it is now, with the ETag a PATCH sends back in If-Match. */
export const getContact = (id: number) =>
  send<Contact>("GET", `/api/contacts/${id}`).then((r) => ({ contact: r.data, etag: r.etag ?? `"${r.data.version}"` }));

/** Changes a contact with a JSON merge patch of only the fields the rep changed; a 412 means someone else changed it first. */
export const updateContact = (id: number, patch: NewLead, etag: string) =>
  send<Contact>("PATCH", `/api/contacts/${id}`, patch, { "If-Match": etag }).then((r) => ({ contact: r.data, etag: r.etag ?? `"${r.data.version}"` }));
