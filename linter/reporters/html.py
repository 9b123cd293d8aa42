"""`newslint report PATHS -o report.html` (also `check --format html`): a self-contained picture
of a corpus's data quality, for a one-off cleanup.

One HTML file: inline CSS and SVG charts, no JavaScript, nothing fetched from the network. It
shows the totals; findings per rule (bar chart, each rule linked to its documentation, which is
embedded at the end); per severity; per provider/domain; per month of publication (files and
files with findings, so the month a scraper broke stands out; the busiest months are those with
the most files with findings); the files with the most findings (top N only, each linked, with
its findings listed); what `--fix` would repair (safe vs unsafe vs by hand, per rule); and the
documentation of the rules that fired, rendered from Markdown with markdown-it-py.

Everything is aggregated, so the page stays small and fast for 100,000 findings. Provider and
month come from each file's own front matter, parsed as the linter parses it (top-level
`publishedDateTime`/`date`, `provider.domain`/`provider.name`, else the host of `webUrl` /
`originalUrl` / `url`); a file whose front matter does not parse falls back to its name's
`YYYY-MM-DD-` prefix. (A regex scan of the text once took 17 s on a 1.6 KB file.)
"""

from __future__ import annotations

import datetime as _dt
import html
import re
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from linter import __version__
from linter.reporters._common import clean, rules_by_code

TOP_FILES = 50
TOP_DOMAINS = 25
MAX_LISTED = 100  # findings listed under one file
MAX_MONTHS = 360
SEV_COLOUR = {"error": "#c62828", "warning": "#ef8f00", "info": "#1e88e5"}

_DATE_KEYS = ("publishedDateTime", "datePublished", "date", "pubDate", "published_at")
_URL_KEYS = ("webUrl", "originalUrl", "url", "link")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_NAME_DATE = re.compile(r"(?:^|/)(\d{4})-(\d{2})-\d{2}-[^/]*$")


def e(text) -> str:
    return html.escape(clean(str(text)), quote=True)


# ---- what each file is about --------------------------------------------------------------------
def file_facts(path: str, root: Path | None) -> tuple[str, str]:
    """(provider or domain, 'YYYY-MM') of one file; '(none)' / '(unknown)' when it does not say."""
    data = _front_matter(str((root / path) if root is not None else path))
    month = "(unknown)"
    when = next((v for v in map(data.get, _DATE_KEYS) if isinstance(v, str) and v), None)
    d = (_MONTH.match(when) if when else None) or _NAME_DATE.search(path.replace("\\", "/"))
    if d and 1990 <= int(d.group(1)) <= 2100 and 1 <= int(d.group(2)) <= 12:
        month = f"{d.group(1)}-{d.group(2)}"
    provider = ""
    block = data.get("provider")
    if isinstance(block, dict):
        provider = next((v.strip() for v in map(block.get, ("domain", "name")) if isinstance(v, str) and v.strip()), "")
    if not provider:
        url = next((v for v in map(data.get, _URL_KEYS) if isinstance(v, str) and v.startswith(("http://", "https://"))), None)
        if url:
            try:
                provider = (urlsplit(url.strip()).hostname or "").removeprefix("www.")
            except ValueError:
                provider = ""
    return (provider.lower() if provider else "(none)"), month


def _front_matter(file: str) -> dict:
    """The front matter's data, as the linter parses it (the file's head only: the front matter's
    largest default size), or {} when the file cannot be read or its front matter not parsed."""
    from linter import document, safeio

    try:
        raw = safeio.head(file, document.DEFAULT_LIMITS.max_front_matter_bytes + 4096)
    except OSError:
        return {}
    doc = document.parse_text(raw.decode("utf-8", "ignore").removeprefix("\ufeff"), file)
    return doc.data if isinstance(doc.data, dict) else {}


# ---- charts ---------------------------------------------------------------------------------------
def hbar(rows: list[tuple[str, int, str | None, str]], label_width: int = 300, width: int = 860) -> str:
    """Horizontal bars: (label, value, link or None, colour)."""
    if not rows:
        return '<p class="muted">Nothing to show.</p>'
    top = max(v for _, v, _, _ in rows) or 1
    bar_h, gap = 18, 6
    height = len(rows) * (bar_h + gap) + gap
    scale = (width - label_width - 70) / top
    out = [f'<svg class="chart" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'xmlns="http://www.w3.org/2000/svg">']
    for i, (label, value, href, colour) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        shown = label if len(label) <= 44 else label[:43] + "…"
        text = f'<text x="{label_width - 8}" y="{y + 13}" text-anchor="end">{e(shown)}</text>'
        if href:
            text = f'<a href="{e(href)}">{text}</a>'
        w = max(1.0, value * scale) if value else 0
        out.append(f'<g><title>{e(label)}: {value:,}</title>{text}'
                   f'<rect x="{label_width}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}" rx="2"/>'
                   f'<text x="{label_width + w + 6:.1f}" y="{y + 13}" class="num">{value:,}</text></g>')
    out.append("</svg>")
    return "".join(out)


def month_range(months: list[str]) -> list[str]:
    """Every month from the first to the last (gaps included), unless the span is huge."""
    if not months:
        return []
    first, last = min(months), max(months)
    y, m = int(first[:4]), int(first[5:])
    ly, lm = int(last[:4]), int(last[5:])
    span = (ly - y) * 12 + (lm - m) + 1
    if span > MAX_MONTHS:
        return sorted(months)[-MAX_MONTHS:]
    out = []
    for _ in range(span):
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out


def columns(months: list[str], files: Counter, bad_files: Counter, findings: Counter, width: int = 1180) -> str:
    """Per month: a grey column for the files published that month, a red one for those with findings."""
    if not months:
        return '<p class="muted">No file says when it was published.</p>'
    left, bottom, height = 48, 36, 240
    top = max(files[m] for m in months) or 1
    step = (width - left - 10) / len(months)
    colw = max(1.0, step * 0.8)
    out = [f'<svg class="chart" role="img" width="{width}" height="{height + bottom}" '
           f'viewBox="0 0 {width} {height + bottom}" xmlns="http://www.w3.org/2000/svg">']
    for frac in (0, 0.5, 1):
        y = height - frac * (height - 10)
        out.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                   f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="num">{round(top * frac):,}</text>')
    every = max(1, round(len(months) / 24))
    for i, m in enumerate(months):
        x = left + i * step
        h_all = files[m] / top * (height - 10)
        h_bad = bad_files[m] / top * (height - 10)
        share = f"{bad_files[m] / files[m]:.0%}" if files[m] else "-"
        out.append(f'<g><title>{m}: {files[m]:,} files, {bad_files[m]:,} with findings ({share}), '
                   f'{findings[m]:,} findings</title>'
                   f'<rect x="{x:.1f}" y="{height - h_all:.1f}" width="{colw:.1f}" height="{h_all:.1f}" fill="#cfd8dc"/>'
                   f'<rect x="{x:.1f}" y="{height - h_bad:.1f}" width="{colw:.1f}" height="{h_bad:.1f}" fill="#c62828"/></g>')
        if i % every == 0:
            out.append(f'<text x="{x + colw / 2:.1f}" y="{height + 16}" text-anchor="middle" class="tick">{m}</text>')
    out.append("</svg>")
    return "".join(out)


# ---- the page ------------------------------------------------------------------------------------
CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2327;margin:0;background:#f6f7f9}
main{max-width:1220px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #dde1e6;padding-bottom:4px}
h3{font-size:15px;margin:20px 0 4px}
.muted{color:#66707a}.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:10px 16px;min-width:120px}
.card b{display:block;font-size:22px}.card.error b{color:#c62828}.card.warning b{color:#ef8f00}.card.info b{color:#1e88e5}
.card.fix b{color:#2e7d32}
section.panel{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:8px 16px 12px;margin:12px 0}
svg.chart{max-width:100%;height:auto;font-size:12px}svg.chart text{fill:#1d2327}svg.chart a text{fill:#0b57d0}
svg.chart .num{fill:#44505c}svg.chart .tick{font-size:10px;fill:#66707a}svg.chart .grid{stroke:#e3e6ea}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #edf0f2;vertical-align:top}
th{background:#f0f2f5}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}td.rules{white-space:nowrap}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f0f2f5;padding:1px 4px;border-radius:3px}
.legend span{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px;vertical-align:middle}
ul.findings{margin:4px 0;padding-left:18px}details summary{cursor:pointer}
.doc h4,.doc h5{font-size:13px;margin:10px 0 2px}
pre{white-space:pre-wrap;background:#f6f7f9;border:1px solid #edf0f2;padding:8px;border-radius:4px;font-size:12px}
.sev{font-weight:600}.sev.error{color:#c62828}.sev.warning{color:#ef8f00}.sev.info{color:#1e88e5}
"""


def _common_folder(paths: list[str]) -> str:
    """The folder every path lies below ('' if none, or if it is short): shown once, not per row."""
    if len(paths) < 2:
        return ""
    parts = [p.split("/")[:-1] for p in paths]
    common = []
    for level in zip(*parts):
        if len(set(level)) != 1:
            break
        common.append(level[0])
    prefix = "/".join(common) + "/" if common else ""
    return prefix if len(prefix) > 12 else ""


def rule_html(spec) -> str:
    """The rule's page (`newslint rule`), rendered from Markdown to HTML by markdown-it-py: raw HTML
    in a docstring is escaped, links that could run script are dropped; its headings are
    demoted below the report's."""
    from markdown_it import MarkdownIt

    from linter.ruledoc import render

    text = render(spec).split("\n", 1)[1]  # without its title: the report shows it
    text = re.sub(r"^(#{1,4}) ", lambda m: "#" * (len(m.group(1)) + 3) + " ", text, flags=re.M)
    return MarkdownIt("commonmark", {"html": False}).render(clean(text))


def _link(path: str, root: Path | None, base: str | None) -> str:
    """A link from the report to a file: relative to the folder the report is written to."""
    import os
    from urllib.parse import quote

    target = os.path.join(str(root), path) if root is not None else path
    try:
        rel = os.path.relpath(target, base or os.getcwd())
    except ValueError:  # another drive (Windows)
        rel = target
    return quote(rel.replace(os.sep, "/"), errors="surrogateescape")


def _anchor(code: str) -> str:
    return f"rule-{code}"


def page(run, options: dict | None = None) -> str:
    options = options or {}
    top_n = int(options.get("top") or TOP_FILES)
    root = getattr(run, "cwd", None)
    specs = rules_by_code(run)
    results = list(run.results)

    by_rule: Counter = Counter()
    rule_name: dict[str, str] = {}
    rule_sev: dict[str, Counter] = defaultdict(Counter)
    by_sev: Counter = Counter()
    fixes: dict[str, Counter] = defaultdict(Counter)
    dom_findings: Counter = Counter()
    dom_files: Counter = Counter()
    dom_bad: Counter = Counter()
    m_files: Counter = Counter()
    m_bad: Counter = Counter()
    m_findings: Counter = Counter()
    per_file = []
    total = 0
    for r in results:
        provider, month = file_facts(r.path, root)
        n = len(r.findings)
        total += n
        dom_files[provider] += 1
        m_files[month] += 1
        if n:
            dom_bad[provider] += 1
            m_bad[month] += 1
            dom_findings[provider] += n
            m_findings[month] += n
            sev = Counter(f.severity for f in r.findings)
            per_file.append((n, r.path, sev, Counter(f.code for f in r.findings), r.findings))
        for f in r.findings:
            by_rule[f.code] += 1
            rule_name[f.code] = f.rule
            rule_sev[f.code][f.severity] += 1
            by_sev[f.severity] += 1
            fixes[f.code][f.fix.applicability if f.fix is not None else "none"] += 1
    safe = sum(c["safe"] for c in fixes.values())
    unsafe = sum(c["unsafe"] for c in fixes.values())
    files_bad = sum(1 for r in results if r.findings)
    title = options.get("title") or "newslint data-quality report"
    generated = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    paths = options.get("paths") or []

    h = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
         '<meta name="viewport" content="width=device-width,initial-scale=1">',
         f"<title>{e(title)}</title><style>{CSS}</style></head><body><main>",
         f"<h1>{e(title)}</h1>",
         f'<p class="muted">{len(results):,} files checked{" in " + e(", ".join(paths)) if paths else ""}; '
         f"generated {generated} by newslint {__version__}.</p>",
         '<div class="cards">',
         f'<div class="card"><b>{len(results):,}</b>files</div>',
         f'<div class="card"><b>{files_bad:,}</b>files with findings'
         f'{f" ({files_bad / len(results):.0%})" if results else ""}</div>',
         f'<div class="card"><b>{total:,}</b>findings</div>']
    for sev in ("error", "warning", "info"):
        h.append(f'<div class="card {sev}"><b>{by_sev[sev]:,}</b>{sev}{"s" if sev != "info" else ""}</div>')
    h.append(f'<div class="card fix"><b>{safe:,}</b>fixable with <code>--fix</code></div>'
             f'<div class="card fix"><b>{unsafe:,}</b>more with <code>--unsafe-fixes</code></div></div>')
    if not total:
        h.append('<section class="panel"><p>No findings: every file passed every selected rule.</p></section>')

    # findings per rule
    def rule_label(code):
        return f"{code} {rule_name.get(code) or getattr(specs.get(code), 'name', '')}"

    def rule_colour(code):
        sev = rule_sev[code].most_common(1)[0][0] if rule_sev[code] else "warning"
        return SEV_COLOUR.get(sev, "#607d8b")

    rules_sorted = sorted(by_rule, key=lambda c: (-by_rule[c], c))
    h.append('<h2 id="by-rule">Findings per rule</h2><section class="panel">'
             '<p class="muted">Colour is the severity. Each rule links to its documentation below.</p>')
    h.append(hbar([(rule_label(c), by_rule[c], f"#{_anchor(c)}", rule_colour(c)) for c in rules_sorted]))
    h.append("</section>")

    h.append('<h2 id="by-severity">Findings per severity</h2><section class="panel">')
    h.append(hbar([(s, by_sev[s], None, SEV_COLOUR[s]) for s in ("error", "warning", "info")], label_width=120))
    h.append("</section>")

    # per month
    known = [m for m in m_files if m != "(unknown)"]
    months = month_range(known)
    h.append('<h2 id="by-month">Per month of publication</h2><section class="panel">'
             '<p class="legend muted"><span style="background:#cfd8dc"></span>files published that month'
             '<span style="background:#c62828"></span>files with findings (hover a column for the counts)</p>')
    h.append(columns(months, m_files, m_bad, m_findings))
    if m_files["(unknown)"]:
        n_unknown = m_files["(unknown)"]
        h.append(f'<p class="muted">{n_unknown:,} file{"s do" if n_unknown != 1 else " does"} not say when '
                 f"{'they were' if n_unknown != 1 else 'it was'} published ({m_bad['(unknown)']:,} with findings).</p>")
    # Ranked by files with findings, then findings: a month of 2 files never outranks one of 37.
    busiest = sorted((m for m in known if m_bad[m]), key=lambda m: (-m_bad[m], -m_findings[m], m))[:12]
    if busiest:
        h.append('<h3>Busiest months</h3><p class="muted">The months with the most files with findings.</p>'
                 "<table><tr><th>Month</th><th class=n>Files</th>"
                 "<th class=n>With findings</th><th class=n>Share</th><th class=n>Findings</th></tr>")
        for m in busiest:
            h.append(f"<tr><td>{m}</td><td class=n>{m_files[m]:,}</td><td class=n>{m_bad[m]:,}</td>"
                     f"<td class=n>{m_bad[m] / m_files[m]:.0%}</td><td class=n>{m_findings[m]:,}</td></tr>")
        h.append("</table>")
    h.append("</section>")

    # per provider
    doms = sorted(dom_findings, key=lambda d: (-dom_findings[d], d))
    h.append('<h2 id="by-provider">Per provider / domain</h2><section class="panel">')
    h.append(hbar([(f"{d} ({dom_bad[d]:,}/{dom_files[d]:,} files)", dom_findings[d], None, "#5c6bc0")
                   for d in doms[:TOP_DOMAINS]], label_width=340))
    if len(doms) > TOP_DOMAINS:
        rest = doms[TOP_DOMAINS:]
        h.append(f'<p class="muted">{len(rest):,} more providers with {sum(dom_findings[d] for d in rest):,} findings.</p>')
    h.append(f'<p class="muted">{len(dom_files):,} providers in all; '
             f"{sum(1 for d in dom_files if not dom_findings[d]):,} of them without findings.</p></section>")

    # fixes
    h.append('<h2 id="fixes">What <code>--fix</code> would repair</h2><section class="panel">'
             f"<p><b>{safe:,}</b> findings are repaired by <code>newslint check --fix</code>, "
             f"<b>{unsafe:,}</b> more by <code>--fix --unsafe-fixes</code> (review those), and "
             f"<b>{total - safe - unsafe:,}</b> need a person.</p>"
             "<table><tr><th>Rule</th><th class=n>Findings</th><th class=n>Safe fix</th><th class=n>Unsafe fix</th>"
             "<th class=n>By hand</th></tr>")
    for c in rules_sorted:
        fx = fixes[c]
        h.append(f'<tr><td><a href="#{_anchor(c)}">{e(rule_label(c))}</a></td><td class=n>{by_rule[c]:,}</td>'
                 f"<td class=n>{fx['safe']:,}</td><td class=n>{fx['unsafe']:,}</td><td class=n>{fx['none']:,}</td></tr>")
    h.append(f"<tr><th>Total</th><th class=n>{total:,}</th><th class=n>{safe:,}</th><th class=n>{unsafe:,}</th>"
             f"<th class=n>{total - safe - unsafe:,}</th></tr></table></section>")

    # top files
    per_file.sort(key=lambda t: (-t[0], t[1]))
    shown = per_file[:top_n]
    prefix = _common_folder([t[1] for t in shown])
    h.append(f'<h2 id="top-files">Files with the most findings</h2><section class="panel">'
             f'<p class="muted">The top {len(shown):,} of {len(per_file):,} files with findings'
             f'{f" (paths below <code>{e(prefix)}</code>)" if prefix else ""}; open one for its findings.</p>'
             "<table><tr><th>File</th><th class=n>Findings</th><th class=n>Errors</th><th class=n>Warnings</th>"
             "<th class=n>Info</th><th>Rules</th></tr>")
    for n, path, sev, codes, findings in shown:
        top_codes = ", ".join(f'<a href="#{_anchor(c)}">{e(c)}</a>&nbsp;×{k}' for c, k in codes.most_common(4))
        if len(codes) > 4:
            top_codes += f", +{len(codes) - 4}"
        listed = "".join(
            f'<li><span class="sev {e(f.severity)}">{e(f.severity)}</span> {f.line}:{f.column} '
            f'<a href="#{_anchor(f.code)}">{e(f.code)}</a> {e(f.message)}</li>' for f in findings[:MAX_LISTED])
        if len(findings) > MAX_LISTED:
            listed += f'<li class="muted">… {len(findings) - MAX_LISTED:,} more: <code>newslint check {e(path)}</code></li>'
        h.append(f'<tr><td><details><summary><a href="{e(_link(path, root, options.get("base")))}"><code>'
                 f'{e(path[len(prefix):])}</code></a></summary><ul class="findings">{listed}</ul></details></td>'
                 f"<td class=n>{n:,}</td><td class=n>{sev['error']:,}</td>"
                 f"<td class=n>{sev['warning']:,}</td><td class=n>{sev['info']:,}</td><td class=rules>{top_codes}</td></tr>")
    h.append("</table></section>")

    # rule documentation
    h.append('<h2 id="rules">Rule documentation</h2><section class="panel">'
             '<p class="muted">The rules that fired. <code>newslint rule CODE</code> prints the same with examples.</p>')
    for c in rules_sorted:
        spec = specs.get(c)
        h.append(f'<div id="{_anchor(c)}"><h3>{e(rule_label(c))}</h3>')
        if spec is None:
            h.append('<p class="muted">Reported by the engine.</p></div>')
            continue
        h.append(f'<div class="doc">{rule_html(spec)}</div></div>')
    h.append("</section></main></body></html>")
    return "\n".join(h) + "\n"


def render(run, out, options) -> None:
    out.write(page(run, options))
