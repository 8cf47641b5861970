import { createRoot } from "react-dom/client";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { loadConfig } from "../config";
import { configureAuth } from "../auth";
import { DashboardApp } from "./DashboardApp";

// The managers' dashboard: the pane's sign-in and API client, no Office.js; the theme follows the system.
const dark = matchMedia("(prefers-color-scheme: dark)");

async function start() {
  let configError: string | null = null;
  try {
    configureAuth(await loadConfig());
  } catch (e) {
    configError = e instanceof Error ? e.message : String(e);
  }
  const root = createRoot(document.getElementById("root")!);
  const render = () => {
    const theme = dark.matches ? webDarkTheme : webLightTheme;
    document.documentElement.style.colorScheme = dark.matches ? "dark" : "light";
    const colors = { text: theme.colorNeutralForeground2, grid: theme.colorNeutralStroke2 };
    root.render(
      <FluentProvider theme={theme}>
        <DashboardApp configError={configError} colors={colors} />
      </FluentProvider>,
    );
  };
  dark.addEventListener("change", render);
  render();
}

void start();
