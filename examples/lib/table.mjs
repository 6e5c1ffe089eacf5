// Print rows as an aligned text table (first column left-aligned, the others right-aligned),
// followed by an empty line. Shared by the examples.
export function table(head, body) {
  const all = [head, ...body];
  const widths = head.map((_, j) => Math.max(...all.map((r) => String(r[j]).length)));
  const line = (r) => r.map((c, j) => (j === 0 ? String(c).padEnd(widths[j]) : String(c).padStart(widths[j]))).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of body) console.log(line(r));
  console.log();
}
