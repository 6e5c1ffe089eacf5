// What `npm pack` would publish: only the built files, the README, CHANGELOG, LICENSE and
// package.json; no sources, tests, fixtures, benchmarks, examples or scripts. Fails otherwise.
import { execFileSync } from "node:child_process";

const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
const [pack] = JSON.parse(out);
const files = pack.files.map((f) => f.path);
const allowed = (p) => /^dist\/.+\.(js|cjs|d\.ts|d\.cts)$/.test(p) || ["README.md", "CHANGELOG.md", "LICENSE", "package.json"].includes(p);
const bad = files.filter((p) => !allowed(p));
const must = ["dist/index.js", "dist/index.cjs", "dist/index.d.ts", "dist/node/cli.js", "dist/node/worker.js", "dist/sql/index.js", "dist/charts/index.js", "dist/schema/index.js", "README.md", "LICENSE", "package.json"];
const missing = must.filter((p) => !files.includes(p));
console.log(`${files.length} files, ${(pack.size / 1024).toFixed(0)} kB packed, ${(pack.unpackedSize / 1024).toFixed(0)} kB unpacked`);
if (bad.length > 0) console.log(`not meant to ship:\n  ${bad.slice(0, 20).join("\n  ")}`);
if (missing.length > 0) console.log(`missing:\n  ${missing.join("\n  ")}`);
if (bad.length > 0 || missing.length > 0) process.exit(1);
console.log("ok   package contents");
