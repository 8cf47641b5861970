import type { PaneConfig } from "./config";

// Local mode: a token from `dotnet run --project api/LeadMail.Api -- token ...`, pasted once and kept for the
// browser session only. Entra mode: MSAL nested app authentication, loaded on demand so the local path stays small.
const storageKey = "leadmail.token";

let config: PaneConfig = { authMode: "local", scopes: [] };
let entra: { silent(): Promise<string>; interactive(): Promise<string> } | null = null;

export class SignInRequired extends Error {}

export function configureAuth(c: PaneConfig) {
  config = c;
}

export const authMode = () => config.authMode;

export function storedToken(): string | null {
  return sessionStorage.getItem(storageKey);
}

export function rememberToken(token: string) {
  sessionStorage.setItem(storageKey, token.trim());
}

export function forgetToken() {
  if (config.authMode === "local") sessionStorage.removeItem(storageKey);
}

/** The bearer token for the next call; throws SignInRequired when the user has to act. */
export async function getToken(): Promise<string> {
  if (config.authMode === "local") {
    const token = storedToken();
    if (!token) throw new SignInRequired("Paste a LeadMail token to sign in.");
    return token;
  }
  return (await entraClient()).silent();
}

/** Interactive sign-in: only ever from a button the user pressed. */
export async function signInInteractively(): Promise<void> {
  await (await entraClient()).interactive();
}

async function entraClient() {
  if (!entra) {
    const { createEntraClient } = await import("./auth-entra");
    entra = await createEntraClient(config);
  }
  return entra;
}
