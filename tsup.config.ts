import { defineConfig } from "tsup";
import { tidySourceMaps } from "./scripts/sourcemaps.mjs";

// One output module per source module (every file under src/ is an entry, with code splitting),
// so that a consumer importing one metric bundles only that metric's modules.
// See ../shared/TOOLCHAIN.md: a single bundled index pulled zod into a one-metric import.
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
  // src/node reads its own location as `typeof __filename === "string" ? __filename :
  // fileURLToPath(import.meta.url)`. tsup builds the CJS output through an ESM pass (code
  // splitting), which would leave `import.meta` verbatim in the .cjs files ("Cannot use
  // 'import.meta' outside a module"). With shims, `import.meta.url` in the CJS output becomes a
  // value derived from `__filename`, and `__filename` in the ESM output one derived from
  // `import.meta.url`; both are injected only into the modules that use them (src/node).
  shims: true,
  clean: true,
  target: "es2022",
  outDir: "dist",
});
