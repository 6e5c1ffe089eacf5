// Helpers of the reader tests (test/node): a scratch folder for files, and all the rows of a read.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readRows } from "../../src/node/index";

/** A fresh scratch folder and a function that writes a file into it and returns its path. */
export function scratch(prefix: string): { dir: string; file: (name: string, content: string | Buffer) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
  };
}

/** Every row of a read, with its line, and the read's counts. */
export async function all(source: Parameters<typeof readRows>[0], options?: Parameters<typeof readRows>[1]) {
  const it = readRows(source, options);
  const rows: Record<string, unknown>[] = [];
  const lines: number[] = [];
  for await (const c of it) {
    rows.push(...c.rows);
    lines.push(...c.lines);
  }
  return { rows, lines, stats: it.stats() };
}
