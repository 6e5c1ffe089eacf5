import { scorecardChart, trendChart, type VegaLiteSpec } from "../charts/index";
import { fail } from "../core/errors";
import { describe, readOptions } from "../core/input";
import type { MetricRecord } from "../portfolio/portfolio";
import type { PortfolioReport } from "../portfolio/report";

/**
 * Options of {@link renderReport}.
 * @category Node
 */
export interface RenderReportOptions {
  title?: string;
  /** A line under the title (data source, date of the export...). */
  subtitle?: string;
  /** Segment key of the scorecard; default the report's first. */
  segmentBy?: string;
  /** Metrics with a trend chart (reports with periods); default all. */
  trends?: readonly string[];
  /** More charts to include, e.g. from `cx-metrics/charts`. */
  charts?: readonly { title: string; spec: VegaLiteSpec }[];
  /** Alerts listed; default 20. */
  maxAlerts?: number;
}

const esc = (s: unknown) => String(s).replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

interface Vega {
  View: new (runtime: unknown, options: { renderer: string }) => { toSVG(): Promise<string>; finalize(): void };
  parse(spec: unknown): unknown;
}
interface VegaLite {
  compile(spec: unknown): { spec: unknown };
}

/**
 * Import Vega and Vega-Lite, or say how to install them.
 * @internal
 * @example
 * ```ts
 * const { vl } = await loadVega("f");
 * typeof vl.compile; //=> "function"
 * ```
 */
export async function loadVega(fn: string, load: () => Promise<[unknown, unknown]> = () => Promise.all([import("vega"), import("vega-lite")])): Promise<{ vega: Vega; vl: VegaLite }> {
  try {
    const [vega, vl] = await load();
    return { vega: vega as Vega, vl: vl as VegaLite };
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") fail(fn, "MISSING_DEPENDENCY", "the HTML report draws its charts with Vega, an optional dependency: install it with `npm install vega vega-lite`");
    throw e;
  }
}

/**
 * Render a Vega-Lite spec to an SVG string in Node (no browser, no canvas).
 * @internal
 * @example
 * ```ts
 * const libs = await loadVega("f");
 * const svg = await specToSvg("f", { $schema: "https://vega.github.io/schema/vega-lite/v6.json", data: { values: [{ a: 1 }] }, mark: "point", encoding: { x: { field: "a", type: "quantitative" } } }, libs);
 * svg.startsWith("<svg"); //=> true
 * ```
 */
export async function specToSvg(fn: string, spec: VegaLiteSpec, libs: { vega: Vega; vl: VegaLite }): Promise<string> {
  const view = new libs.vega.View(libs.vega.parse(libs.vl.compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } catch (e) {
    return fail(fn, "INVALID_INPUT", `a chart could not be drawn: ${(e as Error).message}`);
  } finally {
    view.finalize();
  }
}

const STATUS_COLOR: Record<string, string> = { "on-track": "#a6d96a", "at-risk": "#fee08b", "off-track": "#f46d43", "no-data": "#e0e0e0" };

/**
 * One self-contained HTML page for a portfolio report: the scorecard (a table with status colors
 * and the change from the previous period), the scorecard and trend charts drawn as inline SVG (no
 * scripts, no network), the consistency across segments, and the alerts. Open it in any browser,
 * attach it to an e-mail, publish it as a CI artifact.
 *
 * @param report - From {@link index!evaluatePortfolio}, {@link evaluateFile} or `fromSqlRows`.
 * @param options - {@link RenderReportOptions}.
 * @returns The HTML text.
 * @throws {@link index!CxMetricsError} `MISSING_DEPENDENCY` without `vega` and `vega-lite`
 * (optional dependencies); `INVALID_INPUT` for something that is not a report.
 * @example
 * ```ts
 * import { definePortfolio, evaluatePortfolio, npsMetric } from "cx-metrics";
 * import { renderReport } from "cx-metrics/node";
 * const p = definePortfolio({ nps: npsMetric({ score: (r) => r.s }) });
 * const html = await renderReport(evaluatePortfolio(p, [{ s: 9, ch: "web" }, { s: 3, ch: "app" }], { segmentBy: "ch" }), { title: "CX" });
 * html.startsWith("<!doctype html>"); //=> true
 * ```
 * @category Node
 */
export async function renderReport<M extends MetricRecord>(report: PortfolioReport<M>, options?: RenderReportOptions): Promise<string> {
  const fn = "renderReport";
  if (report === null || typeof report !== "object" || (report as { kind?: unknown }).kind !== "portfolio-report") fail(fn, "INVALID_INPUT", `expected a report from evaluatePortfolio, got ${describe(report)}`);
  const o = readOptions<RenderReportOptions>(fn, options);
  const libs = await loadVega(fn);
  const metrics = Object.keys(report.metrics);
  const key = o.segmentBy ?? report.segmentBy[0];
  if (key !== undefined && !report.segmentBy.includes(key)) fail(fn, "INVALID_OPTION", `expected a segment key of the report (${report.segmentBy.join(", ") || "none"}), got ${describe(key)}`);
  const period = report.periods.length > 0 ? report.periods[report.periods.length - 1]! : null;
  const cells = report.cells.filter((c) => c.period === period && (Object.keys(c.segment).length === 0 || (key !== undefined && Object.keys(c.segment).length === 1 && c.segment[key] !== undefined)));
  const rows = cells
    .map((c) => {
      const name = Object.keys(c.segment).length === 0 ? "All" : c.segment[key!]!;
      const tds = metrics
        .map((m) => {
          const mc = c.metrics[m]!;
          const change = mc.change === null ? "" : ` <span class="chg">${mc.change.difference >= 0 ? "▲" : "▼"} ${esc(Math.abs(mc.change.difference).toFixed(1))}${mc.change.significant ? "*" : ""}</span>`;
          const ci = (mc.result as { ci?: unknown } | null)?.ci;
          const title = Array.isArray(ci) && typeof ci[0] === "number" ? ` title="${esc(`${Math.round(report.confidence * 100)}% CI ${(ci[0] as number).toFixed(1)} to ${(ci[1] as number).toFixed(1)}, n = ${mc.n}`)}"` : "";
          return `<td style="background:${STATUS_COLOR[mc.status ?? ""] ?? "#f7f7f7"}"${title}>${esc(mc.display ?? "–")}${change}</td>`;
        })
        .join("");
      const composite = c.composite === null ? "" : `<td>${esc(c.composite.toFixed(1))}</td>`;
      return `<tr><th scope="row">${esc(name)}</th>${tds}${composite}</tr>`;
    })
    .join("\n");
  const hasComposite = cells.some((c) => c.composite !== null);
  const head = `<tr><th></th>${metrics.map((m) => `<th>${esc(report.metrics[m]!.label)}</th>`).join("")}${hasComposite ? "<th>Index</th>" : ""}</tr>`;

  const charts: { title: string; spec: VegaLiteSpec }[] = [{ title: "Scorecard", spec: scorecardChart(report, { segmentBy: key }) }];
  if (report.period !== null) {
    for (const m of o.trends ?? metrics) {
      if (!metrics.includes(m)) fail(fn, "INVALID_OPTION", `expected trends to name metrics of the report, got ${describe(m)}`);
      charts.push({ title: `${report.metrics[m]!.label}: trend`, spec: trendChart(report, { metric: m }) });
    }
  }
  for (const c of o.charts ?? []) charts.push(c);
  const svgs: string[] = [];
  for (const c of charts) svgs.push(`<figure><figcaption>${esc(c.title)}</figcaption>${await specToSvg(fn, c.spec, libs)}</figure>`);

  const consistency = report.consistency
    .filter((c) => c.period === null && c.segmentBy.length === 1)
    .map((c) => `<tr><td>${esc(report.metrics[c.metric]?.label ?? c.metric)}</td><td>${esc(c.segmentBy.join(" × "))}</td><td>${esc(c.spread === null ? "–" : c.spread.toFixed(2))}</td><td>${esc(c.test === null ? "–" : c.test.method)}</td><td>${esc(c.test === null ? "–" : c.test.pValue < 0.001 ? "< 0.001" : c.test.pValue.toFixed(3))}</td><td>${c.consistent === null ? "–" : c.consistent ? "yes" : "<strong>no</strong>"}</td></tr>`)
    .join("\n");
  const alerts = report.alerts.slice(0, o.maxAlerts ?? 20).map((a) => `<li class="sev${a.severity}">${esc(a.message)}</li>`).join("\n");
  const title = o.title ?? "Customer experience report";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1100px;color:#222;padding:0 1rem}
h1{margin-bottom:0}.sub{color:#666;margin-top:.2rem}
table{border-collapse:collapse;margin:1rem 0}th,td{padding:.35rem .7rem;border:1px solid #ddd;text-align:right}th[scope=row],thead th{text-align:left;background:#fafafa}
.chg{color:#333;font-size:12px}figure{margin:1.5rem 0}figcaption{font-weight:600;margin-bottom:.3rem}
li.sev4,li.sev3{color:#a50026}li.sev2{color:#8a5a00}li.sev1{color:#1a6e1a}.note{color:#666;font-size:12px}
</style>
</head>
<body>
<h1>${esc(title)}</h1>
${o.subtitle === undefined ? "" : `<p class="sub">${esc(o.subtitle)}</p>`}
<p class="sub">${esc(period === null ? "All data" : `Period starting ${period}`)}${report.periods.length > 0 ? esc(` (data from ${report.periods[0]} to ${period})`) : ""}; ${Math.round(report.confidence * 100)}% intervals; significance at ${report.alpha}.</p>
<h2>Scorecard</h2>
<table><thead>${head}</thead><tbody>
${rows}
</tbody></table>
<p class="note">Colors: green on track, amber at risk, red off track, grey no data. ▲▼ change from the previous period; * significant. Hover a value for its interval.</p>
<h2>Alerts</h2>
${alerts === "" ? "<p>No alerts.</p>" : `<ol>\n${alerts}\n</ol>`}
<h2>Charts</h2>
${svgs.join("\n")}
<h2>Consistency across segments</h2>
${consistency === "" ? "<p>No segments.</p>" : `<table><thead><tr><th>metric</th><th>segments</th><th>spread</th><th>test</th><th>p</th><th>consistent</th></tr></thead><tbody>\n${consistency}\n</tbody></table>`}
<p class="note">Made with cx-metrics.</p>
</body>
</html>
`;
}
