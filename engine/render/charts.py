"""Charts for reports as inline SVG, drawn in Python: no scripts, no network, deterministic output.

The numbers come from the evaluation side (engine.sections.programme_chart_data: a ProgrammeView's
totals, with the lines the rules' `chart` clauses draw, kept in `Report.charts`); `report_charts` turns a report's section data into
Chart objects, each an SVG with <title>, role="img" and an aria-label that reads as alt text.
Every text that reaches an SVG is escaped here, since the SVG is inserted into HTML as markup.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import Any, Callable, Iterable

from markupsafe import Markup

from engine.semantics.units import format_number
from .i18n import clause_separator
from .number_words import formatted

WIDTH, LABEL_W, ROW_H, TOP, RIGHT = 660, 170, 22, 34, 70
BAR, RANGE, OFF, LINE, BAND, INK, MUTED = "#1f4e8c", "#8fb0dd", "#b35900", "#b00020", "#2e7d32", "#1a1a1a", "#555"

# ---- rendering side: SVG -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Chart:
    """One chart: its title, its alt text, and the SVG markup (already escaped)."""

    key: str
    title: str
    alt: str
    svg: Markup


@dataclass(frozen=True)
class Bar:
    """One row of a horizontal bar chart: low == high for a plain bar, low < high for a range."""

    label: str
    low: float | None
    high: float | None
    ok: bool = True
    text: str | None = None
    heading: bool = False  # a row that only names the group of bars below it


def _n(x: float) -> str:
    return f"{float(x):.1f}".rstrip("0").rstrip(".")  # SVG coordinates: always a dot


def _short(label: str, limit: int = 18) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _bar_text(b: Bar, unknown: str, lang: str = "en") -> str:
    if b.text is not None:
        return b.text
    if b.low is None:
        return unknown
    low, high = formatted(b.low, lang), formatted(b.high, lang)  # remembered: a batch draws the same few numbers
    return low if b.low == b.high else f"{low}–{high}"


def _svg(title: str, alt: str, height: float, body: list[str]) -> Markup:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="{escape(alt)}" '
            f'viewBox="0 0 {WIDTH} {_n(height)}" width="{WIDTH}" height="{_n(height)}">'
            f"<title>{escape(title)}</title>"
            f'<text x="0" y="16" class="chart-title" font-size="14" font-weight="bold" fill="{INK}">{escape(title)}</text>')
    return Markup(head + "".join(body) + "</svg>")


def bar_chart(key: str, title: str, bars: list[Bar], *, unknown: str, line: float | None = None,
              line_label: str = "", band: tuple[float, float] | None = None, band_label: str = "",
              note: str | None = None, lang: str = "en") -> Chart:
    """A horizontal bar chart with an optional required line and an optional expected band; numbers
    written as `lang` writes them."""
    values = [v for b in bars for v in (b.low, b.high) if v is not None]
    values += [v for v in ((line,) + (band or ())) if v is not None]
    top = max(values, default=1) * 1.08 or 1
    longest = max((len(_bar_text(b, unknown, lang)) for b in bars if not b.heading), default=0)
    plot_w = WIDTH - LABEL_W - min(260, max(RIGHT, round(6.5 * longest) + 8))
    x = lambda v: LABEL_W + plot_w * (v / top)  # noqa: E731
    legend_h = 16 if (line is not None or band or note) else 0
    height = TOP + legend_h + ROW_H * len(bars) + 24
    y0 = TOP + legend_h
    body: list[str] = []
    if band:
        body.append(f'<rect x="{_n(x(band[0]))}" y="{_n(y0 - 4)}" width="{_n(x(band[1]) - x(band[0]))}" '
                    f'height="{_n(ROW_H * len(bars) + 8)}" fill="{BAND}" fill-opacity="0.15" stroke="{BAND}" '
                    f'stroke-dasharray="2 2"/>')
    for i, b in enumerate(bars):
        y = y0 + i * ROW_H
        if b.heading:
            body.append(f'<text x="0" y="{_n(y + 15)}" font-size="12" font-weight="bold" fill="{INK}">{escape(b.label)}</text>')
            continue
        body.append(f"<g><title>{escape(b.label)}: {escape(_bar_text(b, unknown, lang))}</title>")
        body.append(f'<text x="{LABEL_W - 6}" y="{_n(y + 15)}" text-anchor="end" font-size="12" fill="{INK}">'
                    f"{escape(_short(b.label))}</text>")
        if b.low is None:
            body.append(f'<text x="{LABEL_W + 4}" y="{_n(y + 15)}" font-size="12" fill="{MUTED}">? {escape(unknown)}</text>')
        else:
            fill = BAR if b.ok else OFF
            body.append(f'<rect x="{LABEL_W}" y="{_n(y + 3)}" width="{_n(x(b.low) - LABEL_W)}" height="{ROW_H - 6}" fill="{fill}"/>')
            if b.high is not None and b.high > b.low:
                body.append(f'<rect x="{_n(x(b.low))}" y="{_n(y + 3)}" width="{_n(x(b.high) - x(b.low))}" '
                            f'height="{ROW_H - 6}" fill="{RANGE}" stroke="{fill}" stroke-dasharray="3 2"/>')
            body.append(f'<text x="{_n(x(b.high if b.high is not None else b.low) + 4)}" y="{_n(y + 15)}" font-size="11" '
                        f'fill="{INK}">{escape(_bar_text(b, unknown, lang))}</text>')
        body.append("</g>")
    bottom = y0 + ROW_H * len(bars)
    body.append(f'<line x1="{LABEL_W}" y1="{_n(y0 - 4)}" x2="{LABEL_W}" y2="{_n(bottom + 4)}" stroke="{INK}"/>')
    if line is not None:
        body.append(f'<line x1="{_n(x(line))}" y1="{_n(y0 - 6)}" x2="{_n(x(line))}" y2="{_n(bottom + 6)}" '
                    f'stroke="{LINE}" stroke-width="2" stroke-dasharray="6 3"/>')
    legend = []  # (glyph, words)
    if line is not None:
        legend.append(("- -", f"{line_label} {format_number(line, lang)}"))
    if band:
        legend.append(("▒", f"{band_label} {format_number(band[0], lang)}–{format_number(band[1], lang)}"))
    if note:
        legend.append(("", note))
    if legend:
        shown = " · ".join(f"{g} {w}".strip() for g, w in legend)
        body.append(f'<text x="0" y="{TOP + 6}" font-size="11" fill="{MUTED}">{escape(shown)}</text>')
    sep = clause_separator(lang)
    alt_items = sep.join(f"{b.label}:" if b.heading else f"{b.label} {_bar_text(b, unknown, lang)}" for b in bars[:40])
    alt_items = alt_items.replace(":" + sep.rstrip(), ":")
    if len(bars) > 40:
        alt_items += f"{sep}… (+{len(bars) - 40})"
    extra = sep.join(w for _, w in legend)
    alt = f"{title}: {alt_items}." + (f" ({extra})" if extra else "")
    return Chart(key, title, alt, _svg(title, alt, height, body))


# chart -> (kind of subject each bar is, the field of it the bar draws)
BAR_SUBJECTS = {"term_credits": ("term", "credits"), "year_credits": ("year", "credits"),
                "hours_per_credit": ("course", "hours_per_credit"), "contact_hours": ("year", "contact_hours")}


def bar_verdicts(findings: Iterable[Any]) -> dict[tuple[str, str], bool]:
    """Which bars a rule failed: (chart key, bar label) -> False when a rule that read the bar's value on
    its subject (`term.credits` of term 2) failed, True when every such rule passed. Bars no rule judged
    are absent. Findings are engine.evaluation.findings.Finding."""
    out: dict[tuple[str, str], bool] = {}
    for f in findings:
        ref = f.subject_ref
        for key, (kind, name) in BAR_SUBJECTS.items():
            if ref.kind != kind or f.status not in ("pass", "fail"):
                continue
            reads = (getattr(e, "expr", "") for e in f.trace if getattr(e, "kind", "") == "read")
            if any(x.count(".") == 1 and x.endswith("." + name) and not x.startswith("programme.") for x in reads):
                bar = (key, str(ref.key))
                out[bar] = out.get(bar, True) and f.status == "pass"
    return out


def _bars(items: Iterable[dict], prefix: str, key: str, verdicts: dict[tuple[str, str], bool]) -> list[Bar]:
    """One bar per item, drawn as failed when a rule that judged it failed (engine.render.charts.bar_verdicts)."""
    return [Bar(f"{prefix}{it.get('label', '')}", it.get("low"), it.get("high"),
                verdicts.get((key, str(it.get("label", ""))), True)) for it in items]


def programme_charts(data: dict[str, Any], t: Callable[..., str],
                     verdicts: dict[tuple[str, str], bool] | None = None) -> list[Chart]:
    """Credits per term and per year, hours per credit per course, contact hours per year; a bar is drawn
    as failed when the rule that judged it failed (`verdicts`, see bar_verdicts)."""
    verdicts = verdicts or {}
    lang = getattr(t, "lang", "en")
    unknown = t("chart.unknown")
    has_range = any(i.get("low") != i.get("high") for k in ("terms", "years") for i in data.get(k, []))
    failed_in = {chart for (chart, _), ok in verdicts.items() if not ok}
    charts = []
    band = data.get("hours_per_credit_band")
    band = tuple(band) if band else None
    minimum = data.get("contact_hours_minimum")
    for key, items, prefix, line, line_label, band_of in (
            ("term_credits", data.get("terms", []), t("chart.term") + " ", data.get("term_required"), t("chart.required"), None),
            ("year_credits", data.get("years", []), t("chart.year") + " ", data.get("year_required"), t("chart.required"), None),
            ("hours_per_credit", data.get("courses", []), "", None, "", band),
            ("contact_hours", data.get("contact_hours", []), t("chart.year") + " ", minimum, t("chart.minimum"), None)):
        if not items:
            continue
        title = t(f"chart.{key}")
        if all(it.get("low") is None for it in items):  # nothing to draw: say why instead
            charts.append(Chart(key, title, t("chart.all_unknown", title=title, n=len(items)), Markup("")))
            continue
        charts.append(bar_chart(key, title, _bars(items, prefix, key, verdicts), unknown=unknown, line=line,
                                line_label=line_label, band=band_of, band_label=t("chart.band"), lang=lang,
                                note=clause_separator(lang).join(w for w, on in ((t("chart.range_note"), has_range and key != "hours_per_credit"),
                                                               (t("chart.failed_note"), key in failed_in)) if on) or None))
    return charts


def grading_charts(table: dict[str, Any], t: Callable[..., str]) -> list[Chart]:
    """A grading table's distribution (percentage per grade) and its cumulative bands on 0-100 %."""
    rows = table.get("rows") or []
    if not rows:
        return []
    name = table.get("title") or table.get("group")
    suffix = f" · {name}" if name else ""
    lang = getattr(t, "lang", "en")
    dist = [Bar(str(r.get("grade")), r.get("percentage"), r.get("percentage"),
                text=f"{format_number(r.get('percentage'), lang)} % ({r.get('count')})") for r in rows]
    chart = bar_chart("grading", t("chart.grading") + suffix, dist, unknown=t("chart.unknown"), lang=lang)
    return [chart, cumulative_chart(rows, t, suffix)]


def cumulative_chart(rows: list[dict], t: Callable[..., str], suffix: str = "") -> Chart:
    """Each grade's cumulative band [lower, upper) on a 0-100 % track, best grades at the left."""
    title = t("chart.cumulative") + suffix
    lang = getattr(t, "lang", "en")
    plot_w = WIDTH - LABEL_W - 2 * RIGHT
    x = lambda v: LABEL_W + plot_w * v / 100  # noqa: E731
    body, lower, alt_items = [], 0.0, []
    for i, r in enumerate(rows):
        upper = float(r.get("cumulative_percentage") or 0)
        if r.get("band"):
            lower, upper = (float(v) for v in r["band"])
        y = TOP + i * ROW_H
        label = str(r.get("grade"))
        text = f"{format_number(lower, lang)}–{format_number(upper, lang)} %"
        alt_items.append(f"{label} {text}")
        body.append(f"<g><title>{escape(label)}: {escape(text)}</title>"
                    f'<text x="{LABEL_W - 6}" y="{_n(y + 15)}" text-anchor="end" font-size="12" fill="{INK}">{escape(_short(label))}</text>'
                    f'<rect x="{_n(x(0))}" y="{_n(y + 8)}" width="{_n(plot_w)}" height="4" fill="#e6e6e6"/>'
                    f'<rect x="{_n(x(lower))}" y="{_n(y + 3)}" width="{_n(max(x(upper) - x(lower), 1))}" height="{ROW_H - 6}" fill="{BAR}"/>'
                    f'<text x="{_n(x(100) + 4)}" y="{_n(y + 15)}" font-size="11" fill="{INK}">{escape(text)}</text></g>')
        lower = upper
    height = TOP + ROW_H * len(rows) + 24
    alt = f"{title}: {'; '.join(alt_items)}."
    return Chart("cumulative", title, alt, _svg(title, alt, height, body))


def comparison_charts(comparison: dict[str, Any], t: Callable[..., str]) -> list[Chart]:
    """Parameters of two or more rule sets side by side: per parameter, one bar per set, scaled to the
    row's largest value. Reads `ects compare` data ({"sets": [{"id"}...], "parameters": [{"name",
    "sets": {id: {"value": "60 credits"}}, "differs"}]}, only differing rows) or the simple shape
    {"sets": [id, ...], "rows": [{"parameter", "values": {id: number or [low, high]}, "unit"}]}."""
    sets = [str(x.get("id") if isinstance(x, dict) else x) for x in comparison.get("sets") or []]
    bars = []
    for row in _comparison_rows(comparison, sets):
        nums = {s: _number_of(row["values"].get(s)) for s in sets}
        top = max((v[1] for v in nums.values() if v), default=0)
        if not top or sum(1 for v in nums.values() if v) < min(2, len(sets)):
            continue  # nothing to compare: no numbers, or only one set has the parameter
        bars.append(Bar(row["parameter"], None, None, heading=True))
        for s in sets:
            v = nums[s]
            text = None if v is None else (format_number(v[0]) if v[0] == v[1] else f"{format_number(v[0])}–{format_number(v[1])}")
            unit = row.get("unit") or (v[2] if v and len(v) > 2 else "")
            if text and getattr(t, "lang", "en") != "en" and (row.get("words") or {}).get(s):
                text, unit = row["words"][s], ""  # the value in the reader's words (English keeps '25–30 hours')
            bars.append(Bar(s, v and v[0] / top * 100, v and v[1] / top * 100,
                            text=(f"{text} {unit}".strip()) if text else None))
    if not bars:
        return []
    return [bar_chart("comparison", t("chart.comparison"), bars, unknown=t("chart.unknown"))]


def _comparison_rows(comparison: dict[str, Any], sets: list[str]) -> list[dict[str, Any]]:
    rows = []
    for row in comparison.get("rows") or []:
        values = row.get("values") or {}
        rows.append({"parameter": row.get("parameter", ""), "unit": row.get("unit"),
                     "values": dict(zip(sets, values)) if isinstance(values, list) else values})
    for p in comparison.get("parameters") or []:
        if p.get("differs", True):
            cells = p.get("sets") or {}
            rows.append({"parameter": p.get("name", ""), "unit": None,
                         "values": {s: (c.get("value") if isinstance(c, dict) else c) for s, c in cells.items()},
                         "words": {s: c.get("value_words") for s, c in cells.items() if isinstance(c, dict)}})
    return rows


_QUANTITY = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(?:\.\.\s*(-?\d+(?:\.\d+)?))?\s*(.*?)\s*$")


def _number_of(v) -> tuple | None:
    """A parameter value as (low, high) or (low, high, unit): numbers, [low, high], {low, high},
    or text such as "60 credits" and "25..30 hours per credit"; None for anything else."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)):
        return (v, v)
    if isinstance(v, str):
        m = _QUANTITY.match(v)
        if not m:
            return None
        low = float(m[1])
        high = float(m[2]) if m[2] else low
        return (_tidy(low), _tidy(high), m[3])
    if isinstance(v, (list, tuple)) and len(v) == 2 and all(isinstance(x, (int, float)) for x in v):
        return (min(v), max(v))
    if isinstance(v, dict) and isinstance(v.get("low"), (int, float)) and isinstance(v.get("high"), (int, float)):
        return (v["low"], v["high"])
    return None


def _tidy(x: float):
    return int(x) if x.is_integer() else x


def report_charts(extra: dict[str, Any], t: Callable[..., str], findings: Iterable[Any] = ()) -> list[Chart]:
    """Every chart a report's extra data allows, in a fixed order; `findings` colour the bars they judged."""
    charts: list[Chart] = []
    if isinstance(extra.get("chart_data"), dict):
        charts += programme_charts(extra["chart_data"], t, bar_verdicts(findings))
    tables = extra.get("grading_table")
    for table in ([tables] if isinstance(tables, dict) else tables if isinstance(tables, list) else []):
        if isinstance(table, dict):
            charts += grading_charts(table, t)
    if isinstance(extra.get("comparison"), dict):
        charts += comparison_charts(extra["comparison"], t)
    return charts
