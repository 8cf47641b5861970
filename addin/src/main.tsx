import { createRoot } from "react-dom/client";
import type { ReactNode } from "react";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { loadConfig } from "./config";
import { configureAuth } from "./auth";
import { adoptTryPageOffice, inOutlook, officeIsDark } from "./office";
import { OutsideOutlook } from "./OutsideOutlook";

adoptTryPageOffice();
// The configuration request runs while Office.js initialises, so it costs nothing after onReady.
const config = loadConfig();

function render(content: ReactNode, dark: boolean) {
  document.documentElement.style.colorScheme = dark ? "dark" : "light";
  createRoot(document.getElementById("root")!).render(
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} style={{ minHeight: "100vh" }}>
      {content}
    </FluentProvider>,
  );
}

async function outside() {
  // The try page is served only in Development and where the demo is enabled: link to it only where it answers.
  const tryPage = await fetch("/try", { method: "HEAD" }).then((r) => r.ok, () => false);
  render(<OutsideOutlook tryPage={tryPage} />, window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false);
}

// Without Office.js (blocked or offline) or outside Outlook, the page says what it is instead of staying blank.
if (typeof Office === "undefined") void outside();
else
  void Office.onReady(async (info) => {
    if (!inOutlook(info)) return void outside();
    performance.mark("leadmail:office-ready");
    let configError: string | null = null;
    try {
      configureAuth(await config);
    } catch (e) {
      configError = e instanceof Error ? e.message : String(e);
    }
    render(<App configError={configError} />, officeIsDark());
  });
