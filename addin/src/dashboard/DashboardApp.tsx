import { useEffect, useState } from "react";
import { MessageBar, MessageBarBody, MessageBarTitle, Spinner } from "@fluentui/react-components";
import { ApiError } from "../api";
import { authMode, forgetToken, SignInRequired, storedToken } from "../auth";
import { SignIn } from "../SignIn";
import type { ChartColors } from "./BarChart";
import { Dashboard } from "./Dashboard";
import { errorText } from "./labels";
import { getMe, type Me } from "./reports";
import { useDashboardStyles } from "./styles";

/** The page before the figures: configuration errors, sign-in, and who is asking. */
export function DashboardApp({ configError, colors }: { configError: string | null; colors: ChartColors }) {
  const styles = useDashboardStyles();
  const [needsSignIn, setNeedsSignIn] = useState(authMode() === "local" && !storedToken());
  const [signInMessage, setSignInMessage] = useState<string | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (needsSignIn || configError) return;
    getMe().then(setMe, (e) => {
      if (e instanceof SignInRequired || (e instanceof ApiError && e.status === 401)) {
        setSignInMessage(e.message);
        setNeedsSignIn(true);
      } else setError(errorText(e));
    });
  }, [needsSignIn, configError]);

  if (configError || error) {
    return (
      <main className={styles.root}>
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>The dashboard could not start</MessageBarTitle>
            {configError ?? error}
          </MessageBarBody>
        </MessageBar>
      </main>
    );
  }
  if (needsSignIn) {
    return (
      <main className={styles.root} style={{ maxWidth: 560 }}>
        <SignIn role="manager" message={signInMessage} onSignedIn={() => (setSignInMessage(null), setNeedsSignIn(false))} />
      </main>
    );
  }
  if (!me) {
    return (
      <main className={styles.root}>
        <Spinner label="Signing in…" />
      </main>
    );
  }
  return (
    <Dashboard
      me={me}
      colors={colors}
      onSignOut={() => {
        forgetToken();
        setMe(null);
        setNeedsSignIn(true);
      }}
    />
  );
}
