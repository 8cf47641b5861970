import { createNestablePublicClientApplication, InteractionRequiredAuthError, type AccountInfo } from "@azure/msal-browser";
import type { PaneConfig } from "./config";
import { SignInRequired } from "./auth";

/** Nested app authentication: Outlook brokers the token for the API's scope; silent first, a popup only on demand. */
export async function createEntraClient(config: PaneConfig) {
  if (!config.clientId) throw new Error("The add-in's Entra client id is not configured on the API (Addin:ClientId).");
  const pca = await createNestablePublicClientApplication({
    auth: { clientId: config.clientId, authority: config.authority ?? "https://login.microsoftonline.com/common" },
  });
  const request = { scopes: config.scopes };
  let account: AccountInfo | undefined;

  return {
    async silent(): Promise<string> {
      account ??= pca.getActiveAccount() ?? pca.getAllAccounts()[0];
      try {
        const result = account ? await pca.acquireTokenSilent({ ...request, account }) : await pca.ssoSilent(request);
        account = result.account;
        return result.accessToken;
      } catch (e) {
        if (e instanceof InteractionRequiredAuthError || !account) throw new SignInRequired("Sign in to LeadMail with your work account.");
        throw e;
      }
    },
    async interactive(): Promise<string> {
      const result = await pca.acquireTokenPopup(request);
      account = result.account;
      pca.setActiveAccount(account);
      return result.accessToken;
    },
  };
}
