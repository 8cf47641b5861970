import type { Lookup } from "../api";

/** What consent and the cap are judged on: the full lookup and a colleague's restricted view both carry it. */
export type ConsentView = Pick<Lookup, "unsubscribed" | "doNotEmail" | "doNotCall" | "frequencyCap">;

export interface Warning {
  intent: "error" | "warning";
  title: string;
  detail: string;
}

/** Where the contact stands against the frequency cap, as the API counted it with its configured window and cap. */
export function capOf(l: ConsentView) {
  const status = l.frequencyCap;
  return { cap: status.cap, used: status.outboundTouchesInWindow, days: status.windowDays, reached: status.reached };
}

/** Consent and the frequency cap: what a rep must see before writing to this person. */
export function warningsOf(l: ConsentView, composing: boolean): Warning[] {
  const w: Warning[] = [];
  if (l.unsubscribed) w.push({ intent: "error", title: "Unsubscribed", detail: "This person unsubscribed: do not send them marketing email." });
  if (l.doNotEmail) w.push({ intent: "error", title: "Do not email", detail: "This person asked not to be emailed." });
  if (l.doNotCall) w.push({ intent: composing ? "warning" : "error", title: "Do not call", detail: "This person asked not to be called." });
  const { cap, used, days, reached } = capOf(l);
  if (reached)
    w.push({
      intent: composing ? "error" : "warning",
      title: "Contact cap reached",
      detail: `${used} outbound touches in the last ${days} days (cap ${cap}). Another email now risks being too much.`,
    });
  return w;
}
