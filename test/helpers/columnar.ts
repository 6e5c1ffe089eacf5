// Helpers of the columnar-path property tests (test/node/*columnar*): the same metrics as a config
// portfolio (field accessors: the columnar path) and with arrow accessors (the row path), bytes cut
// in pieces, and the outcome of a read as data to compare. Not a test file.
import { cesMetric, csatMetric, definePortfolio, meanMetric, npsMetric, portfolioFromConfig, proportionMetric } from "../../src/index";

/** The typed columns both property tests read. */
export const columns = { score: "number", csat: "integer", solved: "boolean", channel: "string", wave: "string", day: "date", w: "number" } as const;

/** NPS (weighted or not), CSAT, CES, a proportion and a mean: by config (columnar) and by arrow accessors (rows). */
export function portfolios(weighted: boolean, invalid: "throw" | "skip") {
  const columnar = portfolioFromConfig({
    nps: { type: "nps", column: "score", invalid, ...(weighted ? { weights: "w" } : {}) },
    csat: { type: "csat", column: "csat", invalid },
    ces: { type: "ces", column: "csat", invalid },
    fcr: { type: "proportion", column: "solved", invalid },
    mean: { type: "mean", column: "csat", invalid },
  });
  const rows = definePortfolio({
    nps: npsMetric({ id: "nps", score: (r: Record<string, unknown>) => r.score as number, invalid, ...(weighted ? { weights: (r: Record<string, unknown>) => r.w as number } : {}) }),
    csat: csatMetric({ id: "csat", score: (r: Record<string, unknown>) => r.csat as number, invalid }),
    ces: cesMetric({ id: "ces", score: (r: Record<string, unknown>) => r.csat as number, invalid }),
    fcr: proportionMetric({ id: "fcr", label: "fcr", success: (r: Record<string, unknown>) => r.solved as boolean, invalid }),
    mean: meanMetric({ id: "mean", label: "mean", value: (r: Record<string, unknown>) => r.csat as number, invalid }),
  });
  return { columnar, rows };
}

/** The bytes in pieces cut at arbitrary byte offsets (a UTF-8 character may be split). */
export function pieces(bytes: Buffer, cuts: number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const c of at) {
    out.push(bytes.subarray(from, c));
    from = c;
  }
  out.push(bytes.subarray(from));
  return out.filter((b) => b.length > 0);
}

/** The result of a read as plain data, or its error (code, message, details); other errors are thrown. */
export async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return { ok: JSON.parse(JSON.stringify(await run())) };
  } catch (e) {
    const x = e as { code?: string; message: string; details?: unknown };
    if (x.code === undefined) throw e;
    return { error: { code: x.code, message: x.message, details: x.details } };
  }
}
