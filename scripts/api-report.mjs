// API report: API Extractor writes etc/<entry>.api.md for every entry point of the package from the
// built .d.ts files. In CI (default) a report that differs from the committed one fails the run, so
// a change of the public API is visible in review; `node scripts/api-report.mjs --local` updates
// the files. Run after `npm run build`.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { Extractor, ExtractorConfig } from "@microsoft/api-extractor";

const root = resolve(import.meta.dirname, "..");
const local = process.argv.includes("--local");
const entries = [
  ["cx-metrics", "dist/index.d.ts"],
  ["cx-metrics-schema", "dist/schema/index.d.ts"],
  ["cx-metrics-node", "dist/node/index.d.ts"],
  ["cx-metrics-sql", "dist/sql/index.d.ts"],
  ["cx-metrics-charts", "dist/charts/index.d.ts"],
];
mkdirSync(resolve(root, "etc"), { recursive: true });
mkdirSync(resolve(root, "temp"), { recursive: true });
let failed = false;
for (const [name, entry] of entries) {
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: resolve(root, entry),
      apiReport: { enabled: true, reportFolder: resolve(root, "etc"), reportTempFolder: resolve(root, "temp"), reportFileName: name },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      compiler: { tsconfigFilePath: resolve(root, "tsconfig.json") },
      messages: {
        extractorMessageReporting: { default: { logLevel: "none" } },
        tsdocMessageReporting: { default: { logLevel: "none" } },
        compilerMessageReporting: { default: { logLevel: "warning" } },
      },
    },
    configObjectFullPath: resolve(root, "api-extractor.json"),
    packageJsonFullPath: resolve(root, "package.json"),
  });
  const result = Extractor.invoke(config, { localBuild: local, showVerboseMessages: false, messageCallback: (m) => { if (m.logLevel === "none") m.handled = true; } });
  const changed = result.apiReportChanged;
  console.log(`${!result.succeeded || (changed && !local) ? "FAIL" : "ok  "} ${name.padEnd(18)} ${changed ? (local ? "report updated" : "API changed: run node scripts/api-report.mjs --local and commit etc/") : "unchanged"}`);
  if (!result.succeeded || (changed && !local)) failed = true;
}
if (failed) process.exit(1);
