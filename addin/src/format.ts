import type { Stage } from "./api";

export const stageLabels: Record<Stage, string> = {
  new: "New",
  marketingQualified: "Marketing qualified",
  salesQualified: "Sales qualified",
  proposal: "Proposal",
  agreement: "Agreement",
  won: "Won",
  lost: "Lost",
  nurture: "Nurture",
};

const locale = () => (typeof Office !== "undefined" && Office.context?.displayLanguage) || navigator.language;

export function when(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

export function day(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
}

export function words(camel: string): string {
  const spaced = camel.replace(/([A-Z])/g, " $1").toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** Quick picks for a follow-up, at 9:00 local time: the rep's working morning. */
export function quickPick(kind: "tomorrow" | "in3days" | "nextWeek", now = new Date()): Date {
  const d = new Date(now);
  d.setHours(9, 0, 0, 0);
  if (kind === "tomorrow") d.setDate(d.getDate() + 1);
  else if (kind === "in3days") d.setDate(d.getDate() + 3);
  else d.setDate(d.getDate() + (((8 - d.getDay()) % 7) || 7));
  return d;
}

/** A Date as the value of an <input type="datetime-local"> (local time, minutes). */
export function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function splitName(name: string): { firstName?: string; lastName?: string } {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return {};
  if (parts.length === 1) return { firstName: parts[0] };
  return { firstName: parts.slice(0, -1).join(" "), lastName: parts[parts.length - 1] };
}

export const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);
