// Tidies the source maps tsup writes, run from tsup.config.ts after every build.
//
// tsup builds the CommonJS output through an ESM pass with code splitting and converts each chunk
// with sucrase; the composed map keeps, for the lines sucrase adds ("use strict", the export
// block), a mapping to the intermediate file under its absolute path on the build machine, with
// no content. Those entries point at nothing a user has and leak the build path. This drops every
// source that is an absolute path (its segments become unmapped generated positions), renumbers
// the rest, and makes `file` the generated file's own name. Maps keep `sourcesContent`, so they
// work without src/ in the package (scripts/pack-check.mjs checks both).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, isAbsolute, join } from "node:path";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

/** Decodes one mappings segment (base64 VLQ) into its numbers. */
function decodeSegment(text) {
  const out = [];
  let value = 0;
  let shift = 0;
  for (const c of text) {
    const digit = B64_INDEX.get(c);
    if (digit === undefined) throw new Error(`not a base64 VLQ digit: ${c}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

function encodeNumber(n) {
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let s = "";
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v > 0) digit |= 32;
    s += B64[digit];
  } while (v > 0);
  return s;
}

/**
 * Rewrites one parsed source map: sources that are absolute paths are removed (their segments
 * keep only the generated column), the others renumbered. Returns whether anything changed.
 */
export function tidyMap(map, generatedName) {
  let changed = map.file !== undefined && map.file !== generatedName;
  if (map.file !== undefined) map.file = generatedName;
  const drop = map.sources.map((s) => isAbsolute(s));
  if (!drop.some(Boolean)) return changed;
  const renumber = [];
  let next = 0;
  for (const d of drop) renumber.push(d ? -1 : next++);
  // absolute state, as the mappings are deltas (the column resets on each line, the rest do not)
  let src = 0;
  let line = 0;
  let col = 0;
  let name = 0;
  let outSrc = 0;
  let outLine = 0;
  let outCol = 0;
  let outName = 0;
  const lines = map.mappings.split(";").map((group) => {
    let genCol = 0;
    let outGenCol = 0;
    const segments = [];
    for (const text of group === "" ? [] : group.split(",")) {
      const f = decodeSegment(text);
      genCol += f[0];
      if (f.length === 1) {
        segments.push(encodeNumber(genCol - outGenCol));
        outGenCol = genCol;
        continue;
      }
      src += f[1];
      line += f[2];
      col += f[3];
      if (f.length === 5) name += f[4];
      const to = renumber[src];
      if (to < 0) {
        // a position of the generated file's own scaffolding: left unmapped
        segments.push(encodeNumber(genCol - outGenCol));
        outGenCol = genCol;
        continue;
      }
      let s = encodeNumber(genCol - outGenCol) + encodeNumber(to - outSrc) + encodeNumber(line - outLine) + encodeNumber(col - outCol);
      if (f.length === 5) {
        s += encodeNumber(name - outName);
        outName = name;
      }
      segments.push(s);
      outGenCol = genCol;
      outSrc = to;
      outLine = line;
      outCol = col;
    }
    return segments.join(",");
  });
  map.mappings = lines.join(";");
  map.sources = map.sources.filter((_, i) => !drop[i]);
  if (map.sourcesContent) map.sourcesContent = map.sourcesContent.filter((_, i) => !drop[i]);
  return true;
}

/** Tidies every `.map` file under `dir`; returns how many it rewrote. */
export function tidySourceMaps(dir) {
  let rewritten = 0;
  for (const entry of readdirSync(dir, { recursive: true })) {
    const rel = String(entry);
    if (!rel.endsWith(".map")) continue;
    const path = join(dir, rel);
    const map = JSON.parse(readFileSync(path, "utf8"));
    if (tidyMap(map, basename(rel, ".map"))) {
      writeFileSync(path, JSON.stringify(map));
      rewritten++;
    }
  }
  return rewritten;
}
