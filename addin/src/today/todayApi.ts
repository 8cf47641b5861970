import { getJson, sendJson } from "../api";
import { browserZone, type TodayDay } from "./today";

/** The rep's day in the browser's time zone: one request for the whole view. */
export const fetchToday = (signal?: AbortSignal) => getJson<TodayDay>(`/api/me/today?${new URLSearchParams({ tz: browserZone() })}`, signal);

/** The owner (or a manager) answers a colleague's request for a lead; accepting reassigns it with the usual audit. */
export const answerHandOver = (requestId: number, answer: "accept" | "decline") =>
  sendJson<unknown>("POST", `/api/hand-over-requests/${requestId}/${answer}`, {}).then(() => undefined);
