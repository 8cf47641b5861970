/**
 * How the pane signs in, as the API's AddinHosting serves it at /addin/config.json. Static-file middleware
 * answers it, not an endpoint, so it is not part of the OpenAPI document the other types come from.
 */
export interface PaneConfig {
  authMode: "local" | "entraId";
  clientId?: string | null;
  authority?: string | null;
  scopes: string[];
}

export async function loadConfig(): Promise<PaneConfig> {
  const response = await fetch("/addin/config.json", { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error("The add-in's configuration could not be loaded");
  return (await response.json()) as PaneConfig;
}
