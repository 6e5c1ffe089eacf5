import { defineConfig } from "tsup";
import { tidySourceMaps } from "./scripts/sourcemaps.mjs";

// One output module per source module (every file under src/ is an entry, with code splitting),
// so that a consumer importing one metric bundles only that metric's modules.
// Measured: a single bundled index pulled zod into a one-metric import (462 kB against 229 B).
export default defineConfig({
  entry: ["src/**/*.ts"],
  format: ["esm", "cjs"],
  dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
  splitting: true,
  bundle: true,
  treeshake: false,
  // External .map files; esbuild embeds each source's text (`sourcesContent`), so the maps work
  // without shipping src/ (scripts/pack-check.mjs checks that every map carries its sources).
  // The CJS pass leaves absolute build paths in its maps: onSuccess removes them.
  sourcemap: true,
  onSuccess: async () => {
    tidySourceMaps("dist");
  },
  // src/node finds its own file as `typeof __filename === "string" && isAbsolute(__filename) ? __filename :
  // fileURLToPath(import.meta.url)`. tsup builds the CJS output through an ESM pass (for code
  // splitting) and converts it with sucrase, which leaves `import.meta` verbatim in the .cjs files:
  // a syntax error in CommonJS ("Cannot use 'import.meta' outside a module"). In the CJS build the
  // expression is replaced by `undefined`: that branch is never taken there, as CommonJS always has
  // `__filename`. (tsup's `shims` would do it too, but esbuild's `inject` adds the shim module to
  // every entry, so each ESM module would import node:path and node:url, breaking browser bundles.)
  // scripts/consumer-check.mjs fails if a .cjs file still holds `import.meta`.
  esbuildOptions(options, context) {
    if (context.format === "cjs") options.define = { ...options.define, "import.meta.url": "undefined" };
  },
  clean: true,
  target: "es2022",
  outDir: "dist",
});
