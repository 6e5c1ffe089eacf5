// What `npm pack` would publish: only the built files (with their source maps), the README,
// CHANGELOG, LICENSE and package.json; no sources, tests, fixtures, benchmarks, examples or
// scripts. Fails otherwise. src/ is not shipped: every map must carry the text of each source it
// names (`sourcesContent`), name sources by relative path only, and every built .js/.cjs file must
// have its map. Run after `npm run build`.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { isAbsolute } from "node:path";

const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
const [pack] = JSON.parse(out);
const files = pack.files.map((f) => f.path);
const allowed = (p) => /^dist\/.+\.(js|cjs|js\.map|cjs\.map|d\.ts|d\.cts)$/.test(p) || ["README.md", "CHANGELOG.md", "LICENSE", "package.json"].includes(p);
const bad = files.filter((p) => !allowed(p));
const must = ["dist/index.js", "dist/index.cjs", "dist/index.d.ts", "dist/node/cli.js", "dist/node/worker.js", "dist/sql/index.js", "dist/charts/index.js", "dist/schema/index.js", "README.md", "LICENSE", "package.json"];
const missing = must.filter((p) => !files.includes(p));
// source maps: one per built module, self-contained, no path of the build machine
const mapProblems = [];
for (const p of files.filter((f) => /\.(js|cjs)$/.test(f))) {
  if (!files.includes(`${p}.map`)) {
    mapProblems.push(`${p}: no source map`);
    continue;
  }
  const map = JSON.parse(readFileSync(`${p}.map`, "utf8"));
  if (!readFileSync(p, "utf8").includes(`//# sourceMappingURL=${p.split("/").pop()}.map`)) mapProblems.push(`${p}: no sourceMappingURL comment`);
  const content = map.sourcesContent ?? [];
  map.sources.forEach((s, i) => {
    if (isAbsolute(s)) mapProblems.push(`${p}.map: absolute source path ${s}`);
    if (typeof content[i] !== "string") mapProblems.push(`${p}.map: no content for ${s}`);
  });
  if (typeof map.file === "string" && isAbsolute(map.file)) mapProblems.push(`${p}.map: absolute file ${map.file}`);
}
console.log(`${files.length} files, ${(pack.size / 1024).toFixed(0)} kB packed, ${(pack.unpackedSize / 1024).toFixed(0)} kB unpacked`);
if (bad.length > 0) console.log(`not meant to ship:\n  ${bad.slice(0, 20).join("\n  ")}`);
if (missing.length > 0) console.log(`missing:\n  ${missing.join("\n  ")}`);
if (mapProblems.length > 0) console.log(`source maps:\n  ${mapProblems.slice(0, 20).join("\n  ")}`);
if (bad.length > 0 || missing.length > 0 || mapProblems.length > 0) process.exit(1);
console.log("ok   package contents");
