import { scorecardChart, trendChart, type VegaLiteSpec } from "../charts/index";
import { checkReport, headlinePeriod, isRecord, metricCell } from "../charts/report-shape";
import { fail } from "../core/errors";
import { describe, keysOf, readOptions } from "../core/input";
import type { MetricRecord } from "../portfolio/portfolio";
import type { PortfolioReport } from "../portfolio/report";

const RENDER_REPORT_OPTIONS_KEYS = /* @__PURE__ */ keysOf<RenderReportOptions>()("title", "subtitle", "segmentBy", "trends", "charts", "maxAlerts");

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

/** HTML text: escaped by {@link html}'s interpolation unless it was made by {@link html} itself. */
interface Html {
  readonly __html: string;
}
const isHtml = (v: unknown): v is Html => v !== null && typeof v === "object" && Object.hasOwn(v, "__html") && typeof (v as Html).__html === "string" && HTML_MADE.has(v as Html);
// only fragments made here are trusted: a report field shaped like { __html: "<script>" } is still text
const HTML_MADE = new WeakSet<Html>();
const made = (text: string): Html => {
  const h = { __html: text };
  HTML_MADE.add(h);
  return h;
};

/**
 * Escape text for HTML text and double- or single-quoted attribute values: `&`, `<`, `>`, `"`, `'`.
 * Anything that is not a string or a finite number is shown as "–" (a forged report's objects,
 * functions, symbols), so no value is converted with its own `toString`.
 * @internal
 * @example
 * ```ts
 * escapeHtml('<img src=x onerror="alert(1)">'); //=> "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
 * ```
 */
export function escapeHtml(v: unknown): string {
  const s = typeof v === "string" ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : "–";
  return s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

/**
 * The one way the report writes HTML: a tagged template whose interpolations are escaped
 * ({@link escapeHtml}) unless they are fragments made by `html` itself (or lists of them), so a
 * field cannot be printed unescaped by forgetting to escape it.
 * @internal
 * @example
 * ```ts
 * html`<td title="${'"x"'}">${"<b>"}</td>`.__html; //=> "<td title=\"&quot;x&quot;\">&lt;b&gt;</td>"
 * ```
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += Array.isArray(v) ? v.map((x) => (isHtml(x) ? x.__html : escapeHtml(x))).join("") : isHtml(v) ? v.__html : escapeHtml(v);
    out += strings[i + 1]!;
  });
  return made(out);
}

/** A number with `digits` decimals, or "–" when it is not a finite number (a forged report). */
const fixed = (v: unknown, digits: number): string => (typeof v === "number" && Number.isFinite(v) ? v.toFixed(digits) : "–");
const finite = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
/** Own property of a record (never one of Object.prototype's: `__proto__`, `constructor`). */
const own = (r: unknown, k: string): unknown => (isRecord(r) && Object.hasOwn(r, k) ? r[k] : undefined);

const UNSAFE_URL = /^(javascript:|vbscript:|data:[a-z-]+\/)/i;

/**
 * Check a chart spec given to the HTML report. The report is static SVG with no links and no
 * network: a spec may not set `href` (links; Vega resolves them asynchronously, and a refused
 * `javascript:` link used to reject after the page was made and end the process), `url` (data or
 * images loaded from a file or the network), `image` marks, or any string that is a
 * `javascript:`, `vbscript:` or `data:` URL. Inline data (`data.values`, `datasets`) is
 * data and is not searched.
 * @internal
 * @example
 * ```ts
 * checkChartSpec("f", "charts[0]", { $schema: "x", mark: "point", encoding: { href: { field: "u" } } }); // throws INVALID_OPTION
 * ```
 */
export function checkChartSpec(fn: string, where: string, spec: unknown): void {
  if (!isRecord(spec)) fail(fn, "INVALID_OPTION", `expected ${where}.spec to be a Vega-Lite spec object, got ${describe(spec)}`);
  let nodes = 0;
  const walk = (v: unknown, path: string, depth: number): void => {
    if (++nodes > 100_000 || depth > 64) fail(fn, "INVALID_OPTION", `expected ${where}.spec to be at most 64 levels deep and 100,000 values outside its inline data`);
    if (typeof v === "string") {
      if (UNSAFE_URL.test(v.replace(/[\u0000-\u0020]/g, ""))) fail(fn, "INVALID_OPTION", `expected ${where}.spec to hold no javascript:, vbscript: or data: URL, found one at ${path}`);
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}[${i}]`, depth + 1));
      return;
    }
    if (!isRecord(v)) return;
    for (const [k, x] of Object.entries(v)) {
      if (k === "href" || k === "url") fail(fn, "INVALID_OPTION", `expected ${where}.spec without "${k}" (at ${path}.${k}): the HTML report draws static SVG with no links and loads nothing`);
      if ((k === "mark" || k === "type") && (x === "image" || (isRecord(x) && x.type === "image"))) fail(fn, "INVALID_OPTION", `expected ${where}.spec without image marks (at ${path}.${k}): the HTML report loads nothing`);
      if (k === "datasets" || (k === "values" && path.endsWith(".data"))) continue;
      walk(x, `${path}.${k}`, depth + 1);
    }
  };
  walk(spec, "spec", 0);
}

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
 * Render a Vega-Lite spec to an SVG string in Node (no browser, no canvas); a spec that Vega cannot
 * compile or draw is a `code` error (`INVALID_INPUT` by default).
 */
async function specToSvg(fn: string, spec: VegaLiteSpec, libs: { vega: Vega; vl: VegaLite }, code: "INVALID_INPUT" | "INVALID_OPTION" = "INVALID_INPUT"): Promise<string> {
  let view: ReturnType<typeof newView>;
  const newView = () => new libs.vega.View(libs.vega.parse(libs.vl.compile(spec).spec), { renderer: "none" });
  try {
    view = newView();
  } catch (e) {
    return fail(fn, code, `a chart could not be drawn: ${escapeMessage(e)}`);
  }
  try {
    return await view.toSVG();
  } catch (e) {
    return fail(fn, code, `a chart could not be drawn: ${escapeMessage(e)}`);
  } finally {
    view.finalize();
  }
}

const escapeMessage = (e: unknown): string => {
  const m = isRecord(e) || e instanceof Error ? (e as { message?: unknown }).message : e;
  return typeof m === "string" ? m.slice(0, 300) : "unknown error";
};

const STATUS_COLOR = new Map<unknown, string>([
  ["on-track", "#a6d96a"],
  ["at-risk", "#fee08b"],
  ["off-track", "#f46d43"],
  ["no-data", "#e0e0e0"],
]);
const SEVERITY = new Set<unknown>([1, 2, 3, 4]);

/**
 * One self-contained HTML page for a portfolio report: the scorecard (a table with status colors
 * and the change from the previous period), the scorecard and trend charts drawn as inline SVG (no
 * scripts, no network), the consistency across segments, and the alerts. Open it in any browser,
 * attach it to an e-mail, publish it as a CI artifact.
 *
 * Safety: the report may come from JSON (or anywhere), so every field printed is escaped for HTML
 * text and attributes, every number is checked to be a finite number before it is formatted (else
 * "–"), and the structure is checked (`INVALID_INPUT`). The page has no `<script>`. Custom charts
 * may not hold links (`href`), load data or images (`url`, image marks) or name `javascript:`,
 * `vbscript:` or `data:` URLs (`INVALID_OPTION`): the page is static SVG.
 *
 * Headline: the scorecard, the alerts and the scorecard chart show the report's `headline` period
 * (by default the last complete one, see {@link index!finishPortfolio}); when the last period is
 * partial the page says so and names the data's first and last instants.
 *
 * @param report - From {@link index!evaluatePortfolio}, {@link evaluateFile} or `fromSqlRows`.
 * @param options - {@link RenderReportOptions}.
 * @returns The HTML text.
 * @throws {@link index!CxMetricsError} `MISSING_DEPENDENCY` without `vega` and `vega-lite`
 * (optional dependencies); `INVALID_INPUT` for something that is not a report; `INVALID_OPTION`
 * for a custom chart that is not allowed or cannot be drawn, or bad options.
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
  checkReport(fn, report);
  const o = readOptions<RenderReportOptions>(fn, options, RENDER_REPORT_OPTIONS_KEYS);
  for (const k of ["title", "subtitle", "segmentBy"] as const) if (o[k] !== undefined && typeof o[k] !== "string") fail(fn, "INVALID_OPTION", `expected ${k} to be text, got ${describe(o[k])}`);
  if (o.trends !== undefined && (!Array.isArray(o.trends) || !o.trends.every((t) => typeof t === "string"))) fail(fn, "INVALID_OPTION", `expected trends to be a list of metric keys, got ${describe(o.trends)}`);
  if (o.maxAlerts !== undefined && !(Number.isSafeInteger(o.maxAlerts) && o.maxAlerts >= 0)) fail(fn, "INVALID_OPTION", `expected maxAlerts to be a whole number >= 0, got ${describe(o.maxAlerts)}`);
  if (o.charts !== undefined && !Array.isArray(o.charts)) fail(fn, "INVALID_OPTION", `expected charts to be a list of { title, spec }, got ${describe(o.charts)}`);
  Array.from(o.charts ?? []).forEach((c, i) => {
    if (!isRecord(c) || typeof c.title !== "string") fail(fn, "INVALID_OPTION", `expected charts[${i}] to be { title, spec } with a text title, got ${describe(c)}`);
    checkChartSpec(fn, `charts[${i}]`, c.spec);
  });
  const libs = await loadVega(fn);
  const metrics = Object.keys(report.metrics);
  const label = (m: string) => {
    const l = own(own(report.metrics, m), "label");
    return typeof l === "string" ? l : m;
  };
  const key = o.segmentBy ?? report.segmentBy[0];
  if (key !== undefined && !report.segmentBy.includes(key)) fail(fn, "INVALID_OPTION", `expected a segment key of the report (${report.segmentBy.join(", ") || "none"}), got ${describe(key)}`);
  const period = headlinePeriod(report);
  const lastPeriod = report.periods.length > 0 ? report.periods[report.periods.length - 1]! : null;
  const partialPeriods = new Set(report.cells.filter((c) => c.partial === true && typeof c.period === "string").map((c) => c.period));
  const cells = report.cells.filter((c) => c.period === period && (Object.keys(c.segment).length === 0 || (key !== undefined && Object.keys(c.segment).length === 1 && typeof own(c.segment, key) === "string")));
  const confidence = finite(report.confidence);
  const level = confidence !== null && confidence > 0 && confidence < 1 ? `${Math.round(confidence * 100)}%` : "–";
  const rows = cells.map((c) => {
    const name = Object.keys(c.segment).length === 0 ? "All" : own(c.segment, key!);
    const tds = metrics.map((m) => {
      const mc = metricCell(c, m);
      const ch = mc.change;
      const difference = finite(own(ch, "difference"));
      const change = difference === null ? "" : html` <span class="chg">${difference >= 0 ? "▲" : "▼"} ${fixed(Math.abs(difference), 1)}${own(ch, "significant") === true ? "*" : ""}</span>`;
      const ci = own(mc.result, "ci");
      const title = Array.isArray(ci) && finite(ci[0]) !== null && finite(ci[1]) !== null ? html` title="${`${level} CI ${fixed(ci[0], 1)} to ${fixed(ci[1], 1)}, n = ${fixed(mc.n, 0)}`}"` : "";
      return html`<td style="background:${STATUS_COLOR.get(mc.status) ?? "#f7f7f7"}"${title}>${typeof mc.display === "string" ? mc.display : "–"}${change}</td>`;
    });
    const composite = c.composite === null || c.composite === undefined ? "" : html`<td>${fixed(c.composite, 1)}</td>`;
    return html`<tr><th scope="row">${name}</th>${tds}${composite}</tr>
`;
  });
  const hasComposite = cells.some((c) => c.composite !== null && c.composite !== undefined);
  const head = html`<tr><th></th>${metrics.map((m) => html`<th>${label(m)}</th>`)}${hasComposite ? html`<th>Index</th>` : ""}</tr>`;

  const charts: { title: string; spec: VegaLiteSpec; custom: boolean }[] = [{ title: "Scorecard", spec: scorecardChart(report, { segmentBy: key, period }), custom: false }];
  if (report.period !== null) {
    for (const m of o.trends ?? metrics) {
      if (!metrics.includes(m)) fail(fn, "INVALID_OPTION", `expected trends to name metrics of the report, got ${describe(m)}`);
      charts.push({ title: `${label(m)}: trend`, spec: trendChart(report, { metric: m }), custom: false });
    }
  }
  for (const c of o.charts ?? []) charts.push({ title: c.title, spec: c.spec, custom: true });
  const svgs: Html[] = [];
  for (const c of charts) svgs.push(html`<figure><figcaption>${c.title}</figcaption>${made(await specToSvg(fn, c.spec, libs, c.custom ? "INVALID_OPTION" : "INVALID_INPUT"))}</figure>
`);

  const consistency = report.consistency
    .filter((c) => c.period === null && Array.isArray(c.segmentBy) && c.segmentBy.length === 1)
    .map((c) => {
      const test = isRecord(c.test) ? c.test : null;
      const p = finite(own(test, "pValue"));
      const metric = typeof c.metric === "string" ? (Object.hasOwn(report.metrics, c.metric) ? label(c.metric) : c.metric) : "–";
      return html`<tr><td>${metric}</td><td>${c.segmentBy.map((s) => (typeof s === "string" ? s : "–")).join(" × ")}</td><td>${fixed(c.spread, 2)}</td><td>${test === null ? "–" : own(test, "method")}</td><td>${p === null ? "–" : p < 0.001 ? "< 0.001" : p.toFixed(3)}</td><td>${c.consistent === true ? "yes" : c.consistent === false ? html`<strong>no</strong>` : "–"}</td></tr>
`;
    });
  const alerts = report.alerts.slice(0, o.maxAlerts ?? 20).map((a) => html`<li class="sev${SEVERITY.has(a.severity) ? a.severity : 0}">${a.message}</li>
`);
  const title = o.title ?? "Customer experience report";
  const alpha = finite(report.alpha);
  const data = isRecord(own(report, "data")) ? (own(report, "data") as Record<string, unknown>) : null;
  const range = data !== null && typeof data.first === "string" && typeof data.last === "string" ? ` (data from ${data.first} to ${data.last})` : report.periods.length > 0 ? ` (periods from ${report.periods[0]} to ${lastPeriod})` : "";
  const periodText = period === null ? "All data" : `Period starting ${period}${partialPeriods.has(period) ? " (partial)" : ""}`;
  const partialNote = lastPeriod !== null && lastPeriod !== period && partialPeriods.has(lastPeriod) ? html`<p class="note">The last period, starting ${lastPeriod}, is partial${data !== null && typeof data.last === "string" ? ` (the data end at ${data.last})` : ""}: it is in the charts but not the headline.</p>
` : "";
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1100px;color:#222;padding:0 1rem}
h1{margin-bottom:0}.sub{color:#666;margin-top:.2rem}
table{border-collapse:collapse;margin:1rem 0}th,td{padding:.35rem .7rem;border:1px solid #ddd;text-align:right}th[scope=row],thead th{text-align:left;background:#fafafa}
.chg{color:#333;font-size:12px}figure{margin:1.5rem 0}figcaption{font-weight:600;margin-bottom:.3rem}
li.sev4,li.sev3{color:#a50026}li.sev2{color:#8a5a00}li.sev1{color:#1a6e1a}.note{color:#666;font-size:12px}
</style>
</head>
<body>
<h1>${title}</h1>
${o.subtitle === undefined ? "" : html`<p class="sub">${o.subtitle}</p>
`}<p class="sub">${periodText}${range}; ${level} intervals; significance at ${alpha === null ? "–" : String(alpha)}.</p>
${partialNote}<h2>Scorecard</h2>
<table><thead>${head}</thead><tbody>
${rows}</tbody></table>
<p class="note">Colors: green on track, amber at risk, red off track, grey no data. ▲▼ change from the previous period; * significant. Hover a value for its interval.</p>
<h2>Alerts</h2>
${alerts.length === 0 ? html`<p>No alerts.</p>` : html`<ol>
${alerts}</ol>`}
<h2>Charts</h2>
${svgs}<h2>Consistency across segments</h2>
${consistency.length === 0 ? html`<p>No segments.</p>` : html`<table><thead><tr><th>metric</th><th>segments</th><th>spread</th><th>test</th><th>p</th><th>consistent</th></tr></thead><tbody>
${consistency}</tbody></table>`}
<p class="note">Made with cx-metrics.</p>
</body>
</html>
`.__html;
}
