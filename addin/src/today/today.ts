import type { components } from "../generated/api-types";
import type { ConsentView } from "../card/warnings";
import { quickPick } from "../format";

type Schemas = components["schemas"];
export type TodayDay = Schemas["TodayDto"];
export type TodayItem = Schemas["TodayItem"];
export type RepDayCount = Schemas["RepDayCount"];

export interface TodaySection {
  key: "overdue" | "today" | "ripe" | "handOvers";
  title: string;
  empty: string;
  items: TodayItem[];
}

/** The day's lists in the order a rep works them: what slipped, what is due, what went cold, who asks. */
export function sectionsOf(day: TodayDay): TodaySection[] {
  return [
    { key: "overdue", title: "Overdue", empty: "Nothing overdue.", items: day.overdue },
    { key: "today", title: "Due today", empty: "Nothing else due today.", items: day.today },
    { key: "ripe", title: "Ripe", empty: "No lead has gone cold.", items: day.ripe },
    { key: "handOvers", title: "Hand-over requests", empty: "No one asks for your leads.", items: day.handOvers },
  ];
}

/** The line's reason in words: the promise's note, "attempt 4 of 10", "untouched 94 days". */
export function whyOf(item: TodayItem): string {
  if (item.why && item.why.trim()) return item.why;
  return item.kind === "followUp" ? "Follow-up promised" : item.kind === "handOver" ? "A colleague asks for this lead" : "";
}

/** Why an email must not be drafted to this lead, or null when consent and the cap allow it. */
export function draftRefusal(view: ConsentView): string | null {
  if (view.unsubscribed) return "This person unsubscribed: no email.";
  if (view.doNotEmail) return "This person asked not to be emailed.";
  const cap = view.frequencyCap;
  if (cap.reached) return `Contact cap reached: ${cap.outboundTouchesInWindow} outbound touches in the last ${cap.windowDays} days (cap ${cap.cap}).`;
  return null;
}

export type SnoozeKind = "tomorrow" | "nextWeek";

/** A snooze's new due instant: 9:00 tomorrow or next Monday, or 9:00 on a picked date (yyyy-mm-dd), the rep's local time. */
export function snoozeTo(pick: SnoozeKind | { date: string }, now = new Date()): Date | null {
  if (typeof pick === "string") return quickPick(pick, now);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(pick.date);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 9, 0, 0, 0);
  return d.getMonth() === Number(m[2]) - 1 ? d : null;
}

/** The browser's IANA zone, which the API reads the rep's days in. */
export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
