import { useState } from "react";
import { ApiError } from "../api";
import { newKey } from "../format";

export type Action = "touch" | "note" | "followUp" | "stage" | "profile" | "consent" | null;
export type Status = { intent: "success" | "error"; text: string } | null;

/**
 * The card's one action at a time: which form is open, whether a request is under way, what it answered,
 * and the idempotency key of the current user action (a retried click of the same form reuses it, the
 * next action gets a new one).
 */
export function useCardAction(onChanged: () => void) {
  const [action, setAction] = useState<Action>(null);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newKey);

  /** Runs one request; answers the failure (null on success) so a form can act on it. A failure `handled` says the form shows is not repeated below. */
  async function run(what: () => Promise<unknown>, success: string, handled?: (e: unknown) => boolean): Promise<unknown> {
    setBusy(true);
    setStatus(null);
    try {
      await what();
      setStatus({ intent: "success", text: success });
      setAction(null);
      setKey(newKey());
      onChanged();
      return null;
    } catch (e) {
      if (handled?.(e)) return e;
      let text = e instanceof Error ? e.message : String(e);
      // Someone changed the lead meanwhile: fetch the current version so the rep's next try can succeed.
      if (e instanceof ApiError && e.status === 412) {
        text += " LeadMail has reloaded the lead: check it and save again.";
        onChanged();
      }
      setStatus({ intent: "error", text });
      return e;
    } finally {
      setBusy(false);
    }
  }

  const open = (a: Action) => {
    setStatus(null);
    setAction(action === a ? null : a);
  };

  return { action, open, status, clearStatus: () => setStatus(null), busy, key, run };
}
