// Consumer check: the package as a user gets it. Packs the built package (`npm pack`), installs the
// tarball into a throwaway project in a temporary folder (its own dependencies from the registry
// or npm's cache), and there:
//   - imports (ESM, .mjs) and requires (CommonJS, .cjs) every entry point and runs one real call
//     of each with an asserted result (the same checks both ways);
//   - type-checks TypeScript consumers with this repository's tsc: `moduleResolution: node16`
//     (an .mts and a .cts file) and `bundler`;
//   - runs `npx cx-metrics --version`;
//   - bundles `toSql` from `cx-metrics/sql` for the browser with esbuild and checks that DuckDB
//     (`@duckdb/node-api`) is not in the bundle, and that the bundle runs;
//   - resolves an install of every optional peer in package.json (`npm install --dry-run`, nothing
//     downloaded) and fails on any npm warning (engines, peer ranges);
//   - checks that no CommonJS file of the package holds `import.meta`.
// Run after `npm run build`. KEEP_CONSUMER=1 keeps the temporary folder.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";

const root = resolve(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const started = Date.now();
const dir = mkdtempSync(join(tmpdir(), "cx-consumer-"));
const app = join(dir, "app");
const npmFlags = ["--prefer-offline", "--no-audit", "--no-fund"];
let failed = false;

/** Runs a command; returns its output (stdout and stderr), throws with it on a non-zero exit. */
function run(cmd, args, cwd) {
  try {
    return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NODE_OPTIONS: "" } });
  } catch (e) {
    throw new Error(`${cmd} ${args.join(" ")} failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}

/** Runs one named check, prints ok/FAIL with its time, and keeps going after a failure. */
function check(name, fn) {
  const t = Date.now();
  try {
    const note = fn();
    console.log(`ok   ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)${note ? `: ${note}` : ""}`);
  } catch (e) {
    failed = true;
    console.log(`FAIL ${name}\n${String(e.message ?? e).replace(/^/gm, "     ")}`);
  }
}

/** npm's warnings in an install's output (engines, peers, deprecations), not its install-scripts notice. */
function npmWarnings(output) {
  return output.split("\n").filter((l) => /^npm warn/i.test(l) && !/install-scripts/.test(l));
}

// --- the consumer programs ---------------------------------------------------------------------

// One call per entry point, asserted, written once and emitted as ESM (import) and CJS (require).
const body = (format, load) => `${load}

// cx-metrics: a metric
const r = nps([10, 9, 8, 7, 3, 10]);
assert.equal(r.promoters, 3);
assert.equal(r.detractors, 1);
assert.ok(Math.abs(r.value - 100 / 3) < 1e-12, \`nps value \${r.value}\`);

// cx-metrics/schema: validation, and its errors are the root entry's CxMetricsError
assert.deepEqual(parseSurveyResponses([{ kind: "nps", score: 9 }]), [{ kind: "nps", score: 9 }]);
assert.throws(() => parseSurveyResponses([{ kind: "nps", score: 11 }]), (e) => e instanceof CxMetricsError && e.code === "INVALID_INPUT");

// cx-metrics/sql: the SQL text, and the DuckDB runner loads DuckDB only when called (not installed here)
const portfolio = portfolioFromConfig({ nps: { type: "nps", column: "score" } });
const query = toSql(portfolio, { table: "responses" });
assert.match(query.sql, /^SELECT .* FROM "responses"$/s);
assert.equal(query.dialect, "duckdb");
const csv = join(process.cwd(), "responses.csv");
writeFileSync(csv, "score,channel\\n10,web\\n9,web\\n8,app\\n7,app\\n3,web\\n10,app\\n");
await evaluateDuckDb(csv, portfolio).then(
  () => assert.fail("evaluateDuckDb ran without DuckDB installed"),
  (e) => assert.ok(e instanceof CxMetricsError && e.code === "MISSING_DEPENDENCY", \`expected MISSING_DEPENDENCY, got \${e && e.stack}\`),
);

// cx-metrics/charts: a Vega-Lite spec
const spec = npsDistributionChart([{ label: "all", result: r }]);
assert.equal(spec.$schema, "https://vega.github.io/schema/vega-lite/v6.json");
assert.equal(spec.data.values.length, 3);

// cx-metrics/node: a file read in worker threads (the worker module is found from the installed package)
const report = await evaluateInWorkers(csv, { config: { nps: { type: "nps", column: "score" } } }, { columns: { score: "number" }, workers: 2 });
assert.equal(report.cells.length, 1);
assert.equal(report.cells[0].metrics.nps.n, 6);
assert.ok(Math.abs(report.cells[0].metrics.nps.value - 100 / 3) < 1e-12);

console.log("${format}: 5 entry points loaded and called");
`;

const esm = body(
  "ESM",
  `import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { nps, portfolioFromConfig, CxMetricsError } from "cx-metrics";
import { parseSurveyResponses } from "cx-metrics/schema";
import { evaluateInWorkers } from "cx-metrics/node";
import { toSql, evaluateDuckDb } from "cx-metrics/sql";
import { npsDistributionChart } from "cx-metrics/charts";`,
);

const cjs = `(async () => {
${body(
  "CommonJS",
  `const assert = require("node:assert/strict");
const { writeFileSync } = require("node:fs");
const { join } = require("node:path");
const { nps, portfolioFromConfig, CxMetricsError } = require("cx-metrics");
const { parseSurveyResponses } = require("cx-metrics/schema");
const { evaluateInWorkers } = require("cx-metrics/node");
const { toSql, evaluateDuckDb } = require("cx-metrics/sql");
const { npsDistributionChart } = require("cx-metrics/charts");`,
)}
})().catch((e) => { console.error(e); process.exit(1); });
`;

// TypeScript: the declarations resolve (types, not any) for every entry point.
const ts = (how) => `import { nps, CxMetricsError, type NpsResult } from "cx-metrics";
import { parseSurveyResponses, type SurveyResponse } from "cx-metrics/schema";
import { evaluateInWorkers, type EvaluateInWorkersOptions } from "cx-metrics/node";
import { toSql, type SqlQuery } from "cx-metrics/sql";
import { npsDistributionChart, type VegaLiteSpec } from "cx-metrics/charts";

const r: NpsResult = nps([10, 9, 3]);
const value: number = r.value;
// @ts-expect-error: the value is a number (this fails if the declarations resolved to any)
const wrong: string = nps([10]).value;
const rows: SurveyResponse[] = parseSurveyResponses([{ kind: "nps", score: 9 }]);
const options: EvaluateInWorkersOptions<Record<string, never>> = { workers: 2 };
const run: typeof evaluateInWorkers = evaluateInWorkers;
declare const query: SqlQuery;
const sql: string = query.sql;
const build: typeof toSql = toSql;
const spec: VegaLiteSpec = npsDistributionChart([{ label: "all", result: r }]);
const isError: boolean = new Error("x") instanceof CxMetricsError;
export const checked = { how: ${JSON.stringify(how)}, value, wrong, rows, options, run, sql, build, spec, isError };
`;

const tsconfig = (compilerOptions, files) =>
  JSON.stringify(
    {
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: "ES2022",
        lib: ["ES2022"],
        types: ["node"],
        typeRoots: [join(root, "node_modules", "@types")],
        ...compilerOptions,
      },
      files,
    },
    null,
    2,
  );

// --- the run ------------------------------------------------------------------------------------

try {
  let tarball;
  check("npm pack", () => {
    const out = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], root);
    tarball = join(dir, JSON.parse(out)[0].filename);
    return tarball.replace(dir, "$TMP");
  });
  if (!tarball) throw new Error("no tarball");

  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "cx-consumer", version: "0.0.0", private: true }, null, 2));
  check("install the tarball into a new project", () => {
    const out = run("npm", ["install", tarball, ...npmFlags], app);
    const warnings = npmWarnings(out);
    if (warnings.length > 0) throw new Error(warnings.join("\n"));
    return out.trim().split("\n").pop();
  });

  writeFileSync(join(app, "esm.mjs"), esm);
  writeFileSync(join(app, "cjs.cjs"), cjs);
  check("ESM: import every entry point and call it", () => run("node", ["esm.mjs"], app).trim());
  check("CommonJS: require every entry point and call it", () => run("node", ["cjs.cjs"], app).trim());

  check("no import.meta in the package's CommonJS files", () => {
    const dist = join(app, "node_modules", "cx-metrics", "dist");
    const files = readdirSync(dist, { recursive: true }).map(String).filter((f) => f.endsWith(".cjs"));
    const bad = files.filter((f) => readFileSync(join(dist, f), "utf8").includes("import.meta"));
    if (bad.length > 0) throw new Error(`import.meta in ${bad.join(", ")}`);
    return `${files.length} files`;
  });

  check("npx cx-metrics --version", () => {
    const out = run("npx", ["--no", "--", "cx-metrics", "--version"], app).trim();
    if (out !== `cx-metrics ${pkg.version}`) throw new Error(`printed ${JSON.stringify(out)}`);
    return out;
  });

  writeFileSync(join(app, "esm.mts"), ts("node16, ESM"));
  writeFileSync(join(app, "cjs.cts"), ts("node16, CommonJS"));
  writeFileSync(join(app, "bundler.ts"), ts("bundler"));
  writeFileSync(join(app, "tsconfig.node16.json"), tsconfig({ module: "node16", moduleResolution: "node16", skipLibCheck: false }, ["esm.mts", "cjs.cts"]));
  writeFileSync(join(app, "tsconfig.bundler.json"), tsconfig({ module: "esnext", moduleResolution: "bundler", skipLibCheck: true }, ["bundler.ts"]));
  // the node16 run also checks every declaration file (ours and those they import); the bundler run
  // checks resolution and use only, as checking zod's and Node's declarations again costs ~10 s
  check("TypeScript, moduleResolution node16 (.mts and .cts)", () => void run("node", [tsc, "-p", "tsconfig.node16.json"], app));
  check("TypeScript, moduleResolution bundler", () => void run("node", [tsc, "-p", "tsconfig.bundler.json"], app));

  // esbuild is asynchronous: this check runs outside `check`
  {
    const t = Date.now();
    try {
      writeFileSync(
        join(app, "browser.mjs"),
        `import { portfolioFromConfig } from "cx-metrics";
import { toSql } from "cx-metrics/sql";
export const sql = toSql(portfolioFromConfig({ nps: { type: "nps", column: "score" } }), { table: "responses" }).sql;
`,
      );
      const result = await build({
        entryPoints: [join(app, "browser.mjs")],
        bundle: true,
        minify: true,
        format: "esm",
        platform: "browser",
        write: false,
        metafile: true,
        absWorkingDir: app,
        logLevel: "silent",
      });
      const inputs = Object.keys(result.metafile.inputs);
      const duck = inputs.filter((p) => /@duckdb[\\/]/.test(p));
      if (duck.length > 0) throw new Error(`DuckDB in the browser bundle: ${duck.join(", ")}`);
      const text = result.outputFiles[0].text;
      if (text.includes("@duckdb/node-bindings")) throw new Error("DuckDB's bindings are named in the browser bundle");
      const bundled = join(app, "bundled.mjs");
      writeFileSync(bundled, text);
      const { sql } = await import(bundled);
      if (!/^SELECT .* FROM "responses"$/s.test(sql)) throw new Error(`the bundle computed ${sql}`);
      console.log(`ok   browser bundle of toSql without DuckDB (${((Date.now() - t) / 1000).toFixed(1)} s): ${text.length} B minified, ${inputs.length} modules`);
    } catch (e) {
      failed = true;
      console.log(`FAIL browser bundle of toSql\n${String(e.message ?? e).replace(/^/gm, "     ")}`);
    }
  }

  // every peer package.json declares, as a user adds them (`npm install name`, no version)
  const peers = Object.keys(pkg.peerDependencies ?? {});
  check(`optional peers (${peers.join(", ")}) resolve without npm warnings`, () => {
    const out = run("npm", ["install", "--dry-run", ...peers, ...npmFlags], app);
    const warnings = npmWarnings(out);
    if (warnings.length > 0) throw new Error(warnings.join("\n"));
    const picked = out.split("\n").filter((l) => peers.some((p) => l.startsWith(`add ${p} `)));
    return picked.map((l) => l.slice(4)).join(", ");
  });
} catch (e) {
  failed = true;
  console.log(`FAIL ${e.message}`);
} finally {
  if (process.env.KEEP_CONSUMER) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
console.log(`${failed ? "consumer check failed" : "consumer check passed"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (failed) process.exit(1);
