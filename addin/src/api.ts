import { getToken, forgetToken } from "./auth";

// The API's JSON (issue 2's contracts), as far as the pane reads it.
export type Stage = "new" | "marketingQualified" | "salesQualified" | "proposal" | "agreement" | "won" | "lost" | "nurture";
export type Outcome = "connected" | "leftMessage" | "spokeToSomeoneElse" | "noAnswer";

export interface Contact {
  id: number;
  displayName: string;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  company?: string | null;
  title?: string | null;
  stage: Stage;
  priority: "low" | "medium" | "high";
  score: number;
  ownerName?: string | null;
  version: number;
}

export interface Touch {
  id: number;
  channel: string;
  direction: "outbound" | "inbound" | "none";
  occurredAt: string;
  subject?: string | null;
  subjectHidden: boolean;
  notes?: string | null;
  outcome?: string | null;
  repId?: number | null;
  repName?: string | null;
  /** Who told LeadMail: "sync" (the mailbox), "addin", "api" or "import". */
  origin?: string;
  /** The consent flag the touch went against; such a touch is the record of it. */
  consentViolation?: string | null;
}

export interface Lookup {
  contact: Contact;
  interactions: Touch[];
  nextFollowUpDue?: string | null;
  nextFollowUpNote?: string | null;
  followUpOverdue: boolean;
  doNotCall: boolean;
  doNotEmail: boolean;
  unsubscribed: boolean;
  touchesLast7Days: number;
  outboundTouchesLast7Days: number;
  messageLogged?: boolean | null;
  /** Where the contact stands against the frequency cap (the API's configured window and cap). */
  frequencyCap?: FrequencyCap | null;
}

export interface FrequencyCap {
  outboundTouchesInWindow: number;
  cap: number;
  windowDays: number;
  windowStart: string;
  reached: boolean;
}

/** The API's default cap, used only if an older API answers without frequencyCap. */
export const defaultFrequencyCap = 3;

export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  errors?: Record<string, string[]>;
}

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
export async function lookup(email: string, internetMessageId: string | undefined, signal: AbortSignal): Promise<Lookup | null> {
  const query = new URLSearchParams({ email });
  if (internetMessageId) query.set("internetMessageId", internetMessageId);
  try {
    return (await send<Lookup>("GET", `/api/contacts/lookup?${query}`, undefined, {}, signal)).data;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

export interface NewLead {
  firstName?: string;
  lastName?: string;
  email: string;
  company?: string;
  source: string;
  interest?: string;
}

export const addLead = (lead: NewLead) => send<Contact>("POST", "/api/contacts", lead).then((r) => r.data);

export interface TouchWrite {
  channel: "call" | "note" | "email";
  direction?: "outbound" | "inbound";
  outcome?: Outcome;
  notes?: string;
  subject?: string;
  occurredAt?: string;
  internetMessageId?: string;
}

/** Each user action carries its own Idempotency-Key, so a retried click never logs a touch twice. */
export const logTouch = (contactId: number, touch: TouchWrite, idempotencyKey: string) =>
  send<Touch>("POST", `/api/contacts/${contactId}/interactions`, { ...touch, origin: "addin" }, { "Idempotency-Key": idempotencyKey }).then((r) => r.data);

export interface TouchCorrection {
  occurredAt?: string;
  outcome?: Outcome;
  notes?: string | null;
}

/** Corrects a touch logged by hand (a JSON merge patch); the API recomputes the lead as if it had been logged right. */
export const correctTouch = (contactId: number, touchId: number, patch: TouchCorrection) =>
  send<Touch>("PATCH", `/api/contacts/${contactId}/interactions/${touchId}`, patch).then((r) => r.data);

/** Takes out a touch logged by mistake; the API recomputes the lead's counts, score and follow-up. */
export const removeTouch = (contactId: number, touchId: number) => send<null>("DELETE", `/api/contacts/${contactId}/interactions/${touchId}`).then(() => undefined);

export interface Me {
  id: number;
  role: "rep" | "manager";
}

let meOnce: Promise<Me> | null = null;

/** The signed-in rep, asked once per pane: what they may change (their own touches; a manager all logged by hand). */
export function me(): Promise<Me> {
  meOnce ??= send<Me>("GET", "/api/me").then((r) => r.data);
  meOnce.catch(() => (meOnce = null));
  return meOnce;
}

/**
 * A touch a person logged can be corrected or removed by its rep, or by a manager; the mailbox owns what
 * sync logged, and a touch that overrode consent stays the record of it unless a manager changes it.
 */
export const canChange = (t: Touch, caller: Me | null) =>
  !!caller &&
  t.origin !== undefined &&
  t.origin !== "sync" &&
  (caller.role === "manager" || (t.origin !== "import" && !t.consentViolation && t.repId === caller.id));

const ifMatch = (contact: Contact) => ({ "If-Match": `"${contact.version}"` });

export const patchContact = (contact: Contact, patch: Record<string, unknown>) =>
  send<Contact>("PATCH", `/api/contacts/${contact.id}`, patch, ifMatch(contact)).then((r) => r.data);

// The workflow issue adds POST /api/contacts/{id}/stage {stage, reason}; until a server has it, a PATCH of
// the stage does the change and the reason is kept as a note on the contact.
let stageEndpointMissing = false;

export async function changeStage(contact: Contact, stage: Stage, reason: string, idempotencyKey: string): Promise<void> {
  if (!stageEndpointMissing) {
    try {
      await send("POST", `/api/contacts/${contact.id}/stage`, { stage, reason: reason || null });
      return;
    } catch (e) {
      const missing = e instanceof ApiError && (e.status === 405 || (e.status === 404 && e.problem.title !== "Contact not found"));
      if (!missing) throw e;
      stageEndpointMissing = true;
    }
  }
  await patchContact(contact, { stage });
  if (reason) await logTouch(contact.id, { channel: "note", notes: `Stage changed to ${stage}: ${reason}` }, idempotencyKey);
}

export interface PaneConfig {
  authMode: "local" | "entraId";
  clientId?: string | null;
  authority?: string | null;
  scopes: string[];
}

export async function loadConfig(): Promise<PaneConfig> {
  const response = await fetch("/addin/config.json", { headers: { Accept: "application/json" } });
  if (!response.ok) throw new ApiError(response.status, { status: response.status, title: "The add-in's configuration could not be loaded" });
  return (await response.json()) as PaneConfig;
}
