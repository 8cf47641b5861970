// Prints the pane's gzipped size (what Outlook downloads on first open) and fails over the budget.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const budgetKb = 200;
const outDir = new URL("../../api/LeadMail.Api/wwwroot/addin/", import.meta.url);

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const code = files(outDir.pathname).filter((f) => /\.(js|css|html)$/.test(f));
// The MSAL chunk is loaded only in Entra mode, on demand: count it separately.
const isLazy = (f) => /msal|auth-entra/i.test(f);
const gz = (list) => list.reduce((sum, f) => sum + gzipSync(readFileSync(f)).length, 0) / 1024;
const initial = gz(code.filter((f) => !isLazy(f)));
const lazy = gz(code.filter(isLazy));
console.log(`LeadMail add-in bundle: ${initial.toFixed(1)} KB gzipped on first load (budget ${budgetKb} KB), ${lazy.toFixed(1)} KB more for Entra sign-in on demand`);
if (initial > budgetKb) {
  console.error(`The add-in bundle is over its ${budgetKb} KB budget.`);
  process.exit(1);
}
