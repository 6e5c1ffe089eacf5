import { defineConfig } from "tsup";

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
  sourcemap: false,
  clean: true,
  target: "es2022",
  outDir: "dist",
});
