import type { Outcome, Touch, TouchCorrection } from "../api";
import { toLocalInput } from "../format";

/** What the rep changed of a touch, as a merge patch of only those fields; empty when nothing changed. */
export function correctionOf(t: Touch, at: string, outcome: Outcome | "", notes: string): TouchCorrection {
  const patch: TouchCorrection = {};
  if (at && at !== toLocalInput(new Date(t.occurredAt))) patch.occurredAt = new Date(at).toISOString();
  if (t.channel === "call" && outcome && outcome !== t.outcome) patch.outcome = outcome;
  if (notes.trim() !== (t.notes ?? "")) patch.notes = notes.trim() || null;
  return patch;
}
