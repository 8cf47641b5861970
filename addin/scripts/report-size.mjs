// Prints each page's gzipped size on first load (what Outlook downloads when the pane opens; what a browser
// downloads for the dashboard) and fails when the pane is over its budget. A page's first load is its HTML,
// its entry script and every chunk and stylesheet the HTML names (Vite writes modulepreload links for static imports);
// chunks loaded on demand (MSAL in Entra mode) are counted apart.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const paneBudgetKb = 200;
const outDir = new URL("../../api/LeadMail.Api/wwwroot/addin/", import.meta.url).pathname;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const gz = (list) => list.reduce((sum, f) => sum + gzipSync(readFileSync(f)).length, 0) / 1024;

function firstLoad(page) {
  const html = readFileSync(join(outDir, page), "utf8");
  const named = [...html.matchAll(/(?:src|href)="\/addin\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => join(outDir, m[1]));
  return [join(outDir, page), ...new Set(named)];
}

const pane = firstLoad("taskpane.html");
const dashboard = firstLoad("dashboard.html");
const lazy = files(outDir).filter((f) => /msal|auth-entra/i.test(f) && /\.js$/.test(f));
// chart.js's own message when a canvas has no context: present wherever chart.js was bundled.
if (pane.some((f) => readFileSync(f, "utf8").includes("Failed to create chart"))) {
  console.error("The pane's first load includes chart.js: the dashboard's charts leaked into a shared chunk.");
  process.exit(1);
}
const paneKb = gz(pane);
console.log(`LeadMail add-in bundle: ${paneKb.toFixed(1)} KB gzipped on first load (budget ${paneBudgetKb} KB), ${gz(lazy).toFixed(1)} KB more for Entra sign-in on demand; dashboard ${gz(dashboard).toFixed(1)} KB gzipped on first load`);
if (paneKb > paneBudgetKb) {
  console.error(`The add-in bundle is over its ${paneBudgetKb} KB budget.`);
  process.exit(1);
}
