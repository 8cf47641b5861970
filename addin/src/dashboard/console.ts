import { getJson, sendJson } from "../api";
import type { components } from "../generated/api-types";

type Schemas = components["schemas"];

// The console's JSON, as generated from the API's OpenAPI document.
export type Rep = Schemas["RepDto"];
export type RepChange = Pick<Schemas["RepWrite"], "role" | "active" | "syncEnabled">;
export type SyncStatus = Schemas["SyncStatus"];
export type StreamStatus = Schemas["MailboxStreamStatus"];

export const listReps = () => getJson<Rep[]>("/api/reps");
export const changeRep = (id: number, change: RepChange) => sendJson<Rep>("PATCH", `/api/reps/${id}`, change).then((r) => r.data);
export const syncStatus = () => getJson<SyncStatus>("/api/sync/status");

/** A lag in seconds in the largest whole unit that reads at a glance. */
export function lagText(seconds: number | null): string {
  if (seconds === null) return "never synced";
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  return `${Math.floor(seconds / 86400)} d ${Math.floor((seconds % 86400) / 3600)} h`;
}

/** An instant as the browser's local date and time, or a dash. */
export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "–");

export type Rule = Schemas["AssignmentRuleDto"];
export type RuleWrite = Schemas["AssignmentRuleWrite"];
export type RepGroup = Schemas["RepGroupDto"];

export const listRules = () => getJson<Rule[]>("/api/assignment-rules");
export const createRule = (w: RuleWrite) => sendJson<Rule>("POST", "/api/assignment-rules", w).then((r) => r.data);
export const replaceRule = (id: number, w: RuleWrite) => sendJson<Rule>("PUT", `/api/assignment-rules/${id}`, w).then((r) => r.data);
export const deleteRule = (id: number) => sendJson<null>("DELETE", `/api/assignment-rules/${id}`).then(() => undefined);
export const listGroups = () => getJson<RepGroup[]>("/api/rep-groups");
export const putGroup = (name: string, repIds: number[]) => sendJson<RepGroup>("PUT", `/api/rep-groups/${encodeURIComponent(name)}`, { repIds }).then((r) => r.data);

/** A rule as its PUT body: what the manager sees, unchanged unless overridden. */
export const ruleWrite = (r: Rule, change: Partial<RuleWrite> = {}): RuleWrite => ({
  name: r.name, position: r.position, active: r.active, interest: r.interest, region: r.region, country: r.country,
  source: r.source, minScore: r.minScore, maxScore: r.maxScore, repId: r.repId, group: r.group, ...change,
});

/** The PUTs that move a rule one place up or down: it and its neighbour trade positions. */
export function swapWrites(rules: Rule[], index: number, direction: -1 | 1): [number, RuleWrite][] {
  const other = index + direction;
  if (other < 0 || other >= rules.length) return [];
  const a = rules[index], b = rules[other];
  // Neighbours sharing a position still swap: the order comes from the ids then, so the moved one takes the next number.
  const [pa, pb] = a.position === b.position ? [b.position + direction, a.position] : [b.position, a.position];
  return [[a.id, ruleWrite(a, { position: pa })], [b.id, ruleWrite(b, { position: pb })]];
}

/** A rule's conditions in words; none means it takes every lead. */
export function conditionText(r: Rule): string {
  const parts = [
    r.source && `source ${r.source}`, r.interest && `interest ${r.interest}`, r.region && `region ${r.region}`, r.country && `country ${r.country}`,
    r.minScore !== null && r.minScore !== undefined && `score ≥ ${r.minScore}`, r.maxScore !== null && r.maxScore !== undefined && `score ≤ ${r.maxScore}`,
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "every lead";
}

export type CallListItem = Schemas["CallListItem"];
export type Touch = Schemas["InteractionDto"];
export type TouchRevision = Schemas["TouchRevisionDto"];
type Page<T> = { items: T[]; nextCursor: string | null };

export const callList = (due: string, owner: string) => getJson<CallListItem[]>(`/api/follow-ups?${new URLSearchParams({ due, owner })}`);
export const ripeLeads = (owner: string) => getJson<CallListItem[]>(`/api/contacts/ripe?${new URLSearchParams({ owner })}`);
export const consentViolations = () => getJson<Page<Touch>>("/api/consent-violations?limit=100").then((p) => p.items);
export const touchRevisions = () => getJson<Page<TouchRevision>>("/api/touch-revisions?limit=100").then((p) => p.items);

export type RoutingPreview = Schemas["RoutingPreviewDto"];
export type RoutingLead = Schemas["RoutingPreviewWrite"];

/** Which rule and rep a lead would get now; the API takes no group's turn for it. */
export const previewRouting = (lead: RoutingLead) => sendJson<RoutingPreview>("POST", "/api/assignment-rules/preview", lead).then((r) => r.data);
