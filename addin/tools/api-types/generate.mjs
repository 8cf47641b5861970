// Writes addin/src/generated/api-types.ts from the API's OpenAPI document with the pinned openapi-typescript.
//   npm run api-types                      from a running API (dotnet run --project api/LeadMail.Api)
//   npm run api-types -- path/to/doc.json  from a saved document (GeneratedTypesTests saves the one it checks)
//   ... -- --out other.ts                  to write elsewhere (the test compares that with the checked-in file)
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const outAt = args.indexOf("--out");
const out = outAt >= 0 ? args.splice(outAt, 2)[1] : join(here, "..", "..", "src", "generated", "api-types.ts");
const source = args[0] ?? "http://localhost:5080/swagger/v1/swagger.json";

const cli = join(dirname(createRequire(import.meta.url).resolve("openapi-typescript/package.json")), "bin", "cli.js");
const run = spawnSync(process.execPath, [cli, source, "--output", out], { stdio: "inherit" });
process.exit(run.status ?? 1);
