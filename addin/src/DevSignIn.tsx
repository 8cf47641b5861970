import { useEffect, useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Text } from "@fluentui/react-components";
import { rememberToken } from "./auth";
import { describeProblem, type Problem } from "./api";
import type { components } from "./generated/api-types";

type LocalRep = components["schemas"]["DevSignInRep"];
type Picked = components["schemas"]["DevSignInWrite"];
type Minted = components["schemas"]["DevSignInToken"];

async function devCall<T>(method: "GET" | "POST", body?: unknown): Promise<T> {
  const response = await fetch("/api/dev/sign-in", {
    method,
    headers: { Accept: "application/json", ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await response.json().catch(() => ({}))) as T & Partial<Problem>;
  if (!response.ok) throw new Error(describeProblem({ ...json, status: response.status } as Problem));
  return json;
}

/**
 * Local development on this machine: sign in by picking a rep the database knows, or by typing an address and role.
 * Shown only when the API answers the list of reps (Local mode, Development, a loopback request); hidden otherwise.
 */
export function DevSignIn({ onSignedIn, role: defaultRole }: { onSignedIn: () => void; role: "rep" | "manager" }) {
  const [reps, setReps] = useState<LocalRep[] | null>(null);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<"rep" | "manager">(defaultRole);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    devCall<LocalRep[]>("GET").then(setReps, () => setReps(null));
  }, []);

  async function signIn(as: Picked) {
    setBusy(true);
    setError(null);
    try {
      rememberToken((await devCall<Minted>("POST", as)).token);
      onSignedIn();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  if (!reps) return null;
  return (
    <section aria-label="Pick a local rep" style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      <Text weight="semibold">Pick a local rep</Text>
      <Text size={200}>Offered on this machine in Development only.</Text>
      {reps.length > 0 && (
        <div role="group" aria-label="Local reps" style={{ display: "flex", flexWrap: "wrap", gap: 6 }}>
          {reps.map((r) => (
            <Button key={r.email} disabled={busy} onClick={() => void signIn({ email: r.email, role: r.role, name: r.displayName })}>
              {r.displayName} · {r.role}
            </Button>
          ))}
        </div>
      )}
      <form style={{ display: "flex", flexDirection: "column", gap: 8 }} onSubmit={(e) => (e.preventDefault(), void signIn({ email: email.trim(), role }))}>
        <Field label="Address">
          <Input type="email" value={email} onChange={(_, d) => setEmail(d.value)} placeholder="alice@contoso.com" />
        </Field>
        <Field label="Role">
          <Select value={role} onChange={(_, d) => setRole(d.value as "rep" | "manager")}>
            <option value="rep">Rep</option>
            <option value="manager">Manager</option>
          </Select>
        </Field>
        <Button type="submit" disabled={busy || !email.trim()}>
          Use this address
        </Button>
      </form>
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
