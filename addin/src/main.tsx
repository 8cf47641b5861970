import { createRoot } from "react-dom/client";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { loadConfig } from "./config";
import { configureAuth } from "./auth";
import { officeIsDark } from "./office";

// The configuration request runs while Office.js initialises, so it costs nothing after onReady.
const config = loadConfig();

Office.onReady(async () => {
  performance.mark("leadmail:office-ready");
  let configError: string | null = null;
  try {
    configureAuth(await config);
  } catch (e) {
    configError = e instanceof Error ? e.message : String(e);
  }
  const dark = officeIsDark();
  document.documentElement.style.colorScheme = dark ? "dark" : "light";
  createRoot(document.getElementById("root")!).render(
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} style={{ minHeight: "100vh" }}>
      <App configError={configError} />
    </FluentProvider>,
  );
});
