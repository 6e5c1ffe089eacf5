// renderReport on a hostile report: a real report reloaded from JSON with every string replaced by
// an HTML/script payload (keys too: metric keys, segment names and values), every number replaced
// by a string payload, and known fields forged (alpha, severity, status, confidence). The page must
// hold no script, no element or attribute the payloads try to create, and the payloads must come
// out as text. Custom charts cannot link, load or run anything, and never end the process later.
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { describe, expect, test } from "vitest";
import { definePortfolio, evaluatePortfolio, npsMetric, csatMetric } from "../../src/index";
import { renderReport } from "../../src/node/index";
import { checkChartSpec, escapeHtml, html } from "../../src/node/report";
import { rejection } from "../helpers/tables";

const CHROMIUM = "/usr/bin/chromium";
const TIMEOUT = 60_000;
const PAYLOADS = [
  "<img src=x onerror=alert(1)>",
  '"><script>alert(2)</script>',
  "'><svg onload=alert(3)>",
  "</title></style><script>alert(4)</script>",
  "javascript:alert(5)",
  "' onmouseover='alert(6)",
  '" onfocus="alert(7)" autofocus x="',
  "<iframe src=javascript:alert(8)>",
  "&lt;script&gt;alert(9)&lt;/script&gt;",
  "</script><script>alert(10)</script>",
  "\u2028<a href=javascript:alert(11)>x</a>\u2029",
];

/** A real report with periods, segments, targets, composite, alerts and consistency. */
function realReport() {
  const key = PAYLOADS[0]!;
  type Row = { ch: string; d: string; s: number; c: number };
  const p = definePortfolio({ [key]: npsMetric<Row>({ id: PAYLOADS[1] as never, label: PAYLOADS[2], score: (r) => r.s }), csat: csatMetric<Row>({ label: PAYLOADS[3], score: (r) => r.c }) });
  let seed = 7;
  const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
  const rows: Row[] = Array.from({ length: 400 }, (_, i) => ({ ch: PAYLOADS[4 + (i % 3)]!, d: `2024-0${1 + Math.floor(i / 100)}-1${i % 9}`, s: i >= 300 ? Math.floor(rand() * 5) : Math.floor(rand() * 11), c: 1 + Math.floor(rand() * 5) }));
  return evaluatePortfolio(p, rows, { segmentBy: "ch", period: "month", date: (r) => r.d, targets: { [key]: { target: 30, warning: 10 } } as never, composite: { weights: { [key]: 1, csat: 1 } as never } });
}

/** Every string (keys too, except `kind`) prefixed with a payload, the same one for the same string; every number a string payload. */
function hostile(report: unknown): Record<string, unknown> {
  const seen = new Map<string, string>();
  const str = (s: string) => {
    let v = seen.get(s);
    if (v === undefined) seen.set(s, (v = `${PAYLOADS[seen.size % PAYLOADS.length]}${s}`));
    return v;
  };
  let n = 0;
  const walk = (v: unknown, k?: string): unknown => {
    if (typeof v === "string") return k === "kind" ? v : str(v);
    if (typeof v === "number") return `${n++} ${PAYLOADS[n % PAYLOADS.length]}`;
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([kk, x]) => [kk === "kind" || kk in TOP ? kk : str(kk), walk(x, kk)]));
    return v;
  };
  // field names of the report's own records stay (the renderer needs to find them); keys that are data (metric keys, segment keys) are replaced
  return walk(JSON.parse(JSON.stringify(report))) as Record<string, unknown>;
}
// the report's own field names (not data): kept as keys
const TOP: Record<string, true> = Object.fromEntries(
  "kind metrics segmentBy period timeZone periods confidence alpha cells consistency alerts segment partial composite n value display result status threshold change target warning previousPeriod previous difference se ci pValue method significant improved id label unit direction metric segments min max spread test consistent severity score message statistic df effectSize data first last headline promoters passives detractors promoterShare passiveShare detractorShare effectiveN confidence skipped invalid"
    .split(" ")
    .map((k) => [k, true]),
);

interface Tag {
  name: string;
  attrs: [string, string][];
}

/** The tags of an HTML text, read as a browser's tokenizer reads them (quoted and unquoted attribute values). */
function tagsOf(text: string): Tag[] {
  const out: Tag[] = [];
  const tag = /<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
  const attr = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  for (let m = tag.exec(text); m !== null; m = tag.exec(text)) {
    const attrs: [string, string][] = [];
    for (let a = attr.exec(m[2]!); a !== null; a = attr.exec(m[2]!)) attrs.push([a[1]!.toLowerCase(), a[2] ?? a[3] ?? a[4] ?? ""]);
    out.push({ name: m[1]!.toLowerCase(), attrs });
  }
  return out;
}

function expectInert(page: string): void {
  expect(page).not.toMatch(/<script/i);
  expect(page).not.toMatch(/<\/?(img|iframe|object|embed|a|image|foreignobject|link|base|form|input|use)[\s>/]/i);
  const tags = tagsOf(page);
  expect(tags.length).toBeGreaterThan(50);
  for (const t of tags) {
    for (const [name, value] of t.attrs) {
      expect(name, `<${t.name} ${name}>`).not.toMatch(/^on/);
      expect(["href", "xlink:href", "src", "autofocus", "formaction"]).not.toContain(name);
      expect(value, `<${t.name} ${name}="${value}">`).not.toMatch(/^\s*javascript:/i);
    }
  }
  // every payload's markup is text: its "<" is escaped (quotes inside Vega's double-quoted SVG
  // attributes are harmless; the tokenizer above and the browser test check the quote payloads)
  for (const p of PAYLOADS) if (p.includes("<")) expect(page).not.toContain(p);
}

describe("renderReport: a hostile report", () => {
  const report = hostile(realReport());
  // forged fields of known meaning
  report.alpha = '"><script>alert("alpha")</script>';
  report.confidence = "<img src=x onerror=alert('confidence')>";
  (report.alerts as Record<string, unknown>[])[0]!.severity = '1 onmouseover="alert(12)"';
  (report.alerts as Record<string, unknown>[])[0]!.message = { toString: "<script>alert(13)</script>" };
  const cell = (report.cells as { metrics: Record<string, Record<string, unknown>> }[])[0]!;
  const [firstMetric] = Object.values(cell.metrics);
  firstMetric!.status = "constructor";
  firstMetric!.display = ["<script>alert(14)</script>"];
  firstMetric!.change = { difference: "1<script>", significant: "yes" };
  report.data = { first: "<script>alert(15)</script>", last: { __html: "<script>alert(16)</script>" } };
  report.headline = "<script>alert(17)</script>";

  test("the check can fail: the tokenizer finds injected tags and attributes", () => {
    expect(() => expectInert(`<p>${PAYLOADS[0]}</p>`.repeat(60))).toThrow();
    expect(() => expectInert(`<p title='x' onmouseover='alert(6)'>x</p>`.repeat(60))).toThrow();
    expect(() => expectInert(`<td title="${PAYLOADS[6]}">`.repeat(60))).toThrow();
  });

  test("every field is escaped: no script, no injected element or attribute", async () => {
    const page = await renderReport(report as never, { title: PAYLOADS[1], subtitle: PAYLOADS[3] });
    expectInert(page);
    expect(page).toContain(escapeHtml(PAYLOADS[1]));
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(page).toContain("&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;");
    // forged numbers are shown as "–", not formatted
    expect(page).toContain("– intervals; significance at –.");
    expect(page).toMatch(/<li class="sev0">–<\/li>/);
  }, TIMEOUT);

  test("lists that are objects and records that are lists are INVALID_INPUT, not a TypeError", async () => {
    for (const [field, value] of [
      ["cells", {}],
      ["alerts", "x"],
      ["consistency", [1]],
      ["periods", [1]],
      ["segmentBy", {}],
      ["metrics", []],
      ["metrics", { a: "x" }],
      ["period", 5],
    ] as const) {
      const e = await rejection(renderReport({ ...report, [field]: value } as never));
      expect(e.code, field).toBe("INVALID_INPUT");
      expect(e.message, field).toContain(`report.${field}`);
    }
    const badCell = await rejection(renderReport({ ...report, cells: [{ segment: [], metrics: {}, period: null }] } as never));
    expect(badCell.message).toContain("report.cells[0].segment");
  }, TIMEOUT);

  test.skipIf(!existsSync(CHROMIUM))("in Chromium: no dialog, no script, no event handler, the payloads are text", async () => {
    const page = await renderReport(report as never, { title: PAYLOADS[1], subtitle: PAYLOADS[3] });
    const file = join(mkdtempSync(join(tmpdir(), "cx-hostile-")), "report.html");
    writeFileSync(file, page);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
    try {
      const tab = await browser.newPage();
      const dialogs: string[] = [];
      const requests: string[] = [];
      tab.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      tab.on("request", (r) => {
        if (!r.url().startsWith("file:")) requests.push(r.url());
      });
      await tab.goto(`file://${file}`);
      await tab.waitForLoadState("load");
      // hover and focus everything, in case a handler slipped through
      await tab.$$eval("*", (els) => els.forEach((e) => ["mouseover", "focus", "click"].forEach((t) => e.dispatchEvent(new Event(t)))));
      await tab.waitForTimeout(300);
      const found = {
        scripts: (await tab.$$("script, img, iframe, object, embed, a, image, foreignObject")).length,
        handlers: await tab.$$eval("*", (els) => els.flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith("on")).map((a) => `${e.tagName} ${a.name}`))),
        title: await tab.title(),
      };
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([]);
      expect(found.scripts).toBe(0);
      expect(found.handlers).toEqual([]);
      expect(found.title).toBe(PAYLOADS[1]);
    } finally {
      await browser.close();
    }
  }, TIMEOUT);
});

describe("renderReport: custom charts cannot run script", () => {
  const report = realReport();
  const base = { $schema: "https://vega.github.io/schema/vega-lite/v6.json", data: { values: [{ a: 1, u: "javascript:alert(1)" }] }, mark: "point", encoding: { x: { field: "a", type: "quantitative" } } };
  const refused: [string, object][] = [
    ["an href channel", { ...base, encoding: { ...base.encoding, href: { field: "u" } } }],
    ["an href value", { ...base, encoding: { ...base.encoding, href: { value: "javascript:alert(1)" } } }],
    ["an href mark property", { ...base, mark: { type: "point", href: "https://example.com" } }],
    ["an href in config", { ...base, config: { mark: { href: "javascript:alert(1)" } } }],
    ["a data URL", { ...base, data: { url: "https://example.com/x.json" } }],
    ["a local file", { ...base, data: { url: "/etc/passwd", format: { type: "csv" } } }],
    ["an image mark", { ...base, mark: "image", encoding: { ...base.encoding, url: { field: "u" } } }],
    ["a javascript: string elsewhere", { ...base, title: { text: "x", subtitle: " JaVaScRiPt:alert(1)" } }],
    ["a data: URL", { ...base, background: "data:text/html;base64,PHNjcmlwdD4=" }],
    ["a spec that is not an object", "javascript:alert(1)" as never],
  ];

  test.for(refused)("%s is refused with INVALID_OPTION, before anything is drawn", async ([, spec]) => {
    const e = await rejection(renderReport(report, { charts: [{ title: "custom", spec: spec as never }] }));
    expect(e.code).toBe("INVALID_OPTION");
    expect(e.message).toMatch(/^renderReport: expected charts\[0\]/);
  });

  test("inline data may hold any text, and the process survives after the page is made", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on("unhandledRejection", onUnhandled);
    try {
      const page = await renderReport(report, { charts: [{ title: PAYLOADS[2]!, spec: { ...base, mark: "text", encoding: { ...base.encoding, text: { field: "u" } } } as never }] });
      expectInert(page);
      expect(page).toContain("javascript:alert(1)</text>");
      // a spec Vega-Lite cannot compile is a typed error too
      const e = await rejection(renderReport(report, { charts: [{ title: "x", spec: { $schema: base.$schema, mark: "nope" } as never }] }));
      expect(e.code).toBe("INVALID_OPTION");
      await new Promise((r) => setTimeout(r, 500));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  }, TIMEOUT);

  test("bad chart options are typed errors", async () => {
    for (const charts of [5, [null], [{ title: 5, spec: base }], [{ title: "x" }]]) {
      expect((await rejection(renderReport(report, { charts: charts as never }))).code).toBe("INVALID_OPTION");
    }
  });

  test("checkChartSpec and the escaping helpers", () => {
    expect(() => checkChartSpec("f", "charts[0]", base)).not.toThrow();
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 100; i++) deep = (deep.a = {}) as Record<string, unknown>;
    expect(() => checkChartSpec("f", "charts[0]", root)).toThrow(/64 levels/);
    expect(escapeHtml(`<>&"'`)).toBe("&lt;&gt;&amp;&quot;&#39;");
    expect(escapeHtml(Symbol("x"))).toBe("–");
    expect(escapeHtml(NaN)).toBe("–");
    expect(escapeHtml({ toString: () => "<b>" })).toBe("–");
    // only fragments made by html are inserted as they are
    expect(html`<p>${{ __html: "<script>" }}</p>`.__html).toBe("<p>–</p>");
    expect(html`<p>${html`<b>${"<i>"}</b>`}</p>`.__html).toBe("<p><b>&lt;i&gt;</b></p>");
  });
});
