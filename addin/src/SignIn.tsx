import { useState } from "react";
import { Button, Field, MessageBar, MessageBarBody, Text, Textarea } from "@fluentui/react-components";
import { authMode, rememberToken, signInInteractively } from "./auth";
import { DevSignIn } from "./DevSignIn";

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Sign-in for the pane and the dashboard: a pasted Local-mode token, or the Entra button. */
export function SignIn({ message, onSignedIn, role = "rep" }: { message: string | null; onSignedIn: () => void; role?: "rep" | "manager" }) {
  const [token, setToken] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (authMode() === "entraId") {
    return (
      <>
        <Text as="h1" weight="semibold" size={400}>
          Sign in to LeadMail
        </Text>
        {message && <Text>{message}</Text>}
        {error && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        <Button
          appearance="primary"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await signInInteractively();
              onSignedIn();
            } catch (e) {
              setError(errorText(e));
            } finally {
              setBusy(false);
            }
          }}
        >
          Sign in with your work account
        </Button>
      </>
    );
  }

  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 16 }}>
      <Text as="h1" weight="semibold" size={400}>
        Sign in to LeadMail (local)
      </Text>
      <DevSignIn role={role} onSignedIn={onSignedIn} />
    <form
      style={{ display: "flex", flexDirection: "column", gap: 12 }}
      onSubmit={(e) => {
        e.preventDefault();
        const t = token.trim();
        if (t.split(".").length !== 3) {
          setError("That is not a token: paste the whole line the token command printed.");
          return;
        }
        rememberToken(t);
        onSignedIn();
      }}
    >
      {message && (
        <MessageBar intent="warning" role="alert">
          <MessageBarBody>{message}</MessageBarBody>
        </MessageBar>
      )}
      <Field
        label="Token"
        hint={`Run: dotnet run --project api/LeadMail.Api -- token --email you@contoso.com --role ${role} — and paste what it prints. It is kept for this session only.`}
        validationMessage={error ?? undefined}
      >
        <Textarea value={token} onChange={(_, d) => setToken(d.value)} resize="vertical" rows={4} spellCheck={false} autoComplete="off" />
      </Field>
      <Button appearance="primary" type="submit">
        Sign in
      </Button>
    </form>
    </div>
  );
}
