import type { ApiError } from "../api";
import type { components } from "../generated/api-types";

export type ConsentFlag = components["schemas"]["ConsentFlag"];

export const consentLabels: Record<ConsentFlag, { title: string; asked: string }> = {
  doNotCall: { title: "Do not call", asked: "This person asked not to be called." },
  doNotEmail: { title: "Do not email", asked: "This person asked not to be emailed." },
  unsubscribed: { title: "Unsubscribed", asked: "This person unsubscribed." },
};

/** The consent flag a refused touch went against, as the API's 422 ProblemDetails names it; null for any other failure. */
export function consentRefusal(e: unknown): ConsentFlag | null {
  const error = e as ApiError | null;
  if (!error || error.status !== 422 || typeof error.problem !== "object") return null;
  const flag = (error.problem as Record<string, unknown>).flag;
  return typeof flag === "string" && flag in consentLabels ? (flag as ConsentFlag) : null;
}
