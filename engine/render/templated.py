"""Markdown, HTML and JUnit XML reports from the Jinja2 templates in reports/templates/.

HTML and XML templates are autoescaped; Markdown escapes every value with the `md` filter. The
layout is generic: a base template, blocks, a partial per subject kind (kinds/<kind>) and a partial
per extra-data key (extra/<key>), each falling back to a generic one, so new report kinds drop in.
"""
from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from ..errors import UsageError
from engine.evaluation.findings import Finding, Report
from engine.ruleset.compose import bundled_reports_dir
from engine.semantics.units import format_number
from .i18n import Labels
from .layout import finding_counts, junit_counts, sections
from .quotes import quoted
from .recognition import worded_recognition
from .summary import BatchSummary
from .text import since_last_audit_text
from .wording import FindingText, finding_text, wording

if TYPE_CHECKING:
    from markupsafe import Markup

# imported when a report is first templated (with Jinja2 and MarkupSafe): a text or JSON report starts without them
_CHARTS = "engine.render.charts"
_HIGHLIGHT = "engine.dsl.highlight"
_COMPARISON_WORDS = "engine.render.comparison_words"

TEMPLATED_FORMATS = {"html": "html/report.html.j2", "md": "md/report.md.j2", "junit": "junit/report.xml.j2"}
CHART_ONLY_EXTRA = ("chart_data",)  # extra keys shown only as charts
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#!~])")
_MD_BLOCK_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)|^([-+=])")


def md_escape(value: Any) -> str:
    """Text safe inside Markdown: HTML special characters as entities, Markdown syntax backslashed,
    line breaks folded so a value never starts a new block."""
    s = "" if value is None else str(value)
    return _md_escaped(s) if type(s) is str else _md_escaped.__wrapped__(s)


@lru_cache(maxsize=16384)
def _md_escaped(s: str) -> str:
    """md_escape of a text, remembered (bounded): a report escapes the same titles, subjects and values many times."""
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return " ".join(s.split())


def rules_syntax(text: Any) -> Markup:
    """Rule-language text highlighted as HTML (engine.dsl.highlight), remembered for a text (bounded): a
    batch shows the same rules' expressions in every report."""
    return _highlighted(text) if type(text) is str else importlib.import_module(_HIGHLIGHT).highlight_html(text)


@lru_cache(maxsize=4096)
def _highlighted(text: str) -> Markup:
    return importlib.import_module(_HIGHLIGHT).highlight_html(text)


def md_line(value: Any) -> str:
    """Like md_escape, for a value that starts a line: a leading list or heading marker is escaped too."""
    return _MD_BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", md_escape(value))


def md_code(value: Any) -> str:
    """Text as a Markdown code span (shown literally), fenced with more backticks than it holds."""
    s = "" if value is None else str(value)
    return _md_coded(s) if type(s) is str else _md_coded.__wrapped__(s)


@lru_cache(maxsize=4096)
def _md_coded(s: str) -> str:
    """md_code of a text, remembered (bounded): a batch shows the same rules' expressions in every report."""
    s = " ".join(s.split())
    longest = max((len(m) for m in re.findall(r"`+", s)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    return f"{fence}{pad}{s}{pad}{fence}"


def _strip_invalid_xml(value: Any) -> Any:
    """Characters XML 1.0 forbids become U+FFFD (already-escaped markup stays markup)."""
    from markupsafe import Markup  # noqa: PLC0415 - loaded with Jinja2, which calls this

    if isinstance(value, Markup):
        return Markup(_XML_INVALID.sub("\ufffd", str(value)))
    return _XML_INVALID.sub("\ufffd", value) if isinstance(value, str) else value


def is_simple(value: Any) -> bool:
    """A value shown inline (text, number, yes/no, nothing), not as a nested table or list."""
    return value is None or isinstance(value, (str, int, float, bool)) or not hasattr(value, "__iter__")


def missing_data(f: Finding | FindingText) -> list[str]:
    """The reasons a finding could not be decided: the reasons of the unknown values of its trace."""
    return list(f.missing if isinstance(f, FindingText) else finding_text(f).missing)


def report_context(report: Report, labels: Labels, index: int = 1) -> dict[str, Any]:
    """What the templates read about one report (`index` numbers it within the document): the
    findings worded in the labels' language, in the sections every format shares."""
    words = wording(labels.lang)
    extras = [{"key": k, "value": _in_language(k, v, words, labels.lang), "index": i}
              for i, (k, v) in enumerate((k, v) for k, v in report.section_data().items() if k not in CHART_ONLY_EXTRA)]
    counts = report.summary
    texts = {id(f): words.finding(f) for f in report.findings}
    worded = [{**s, "findings": [texts[id(f)] for f in s["findings"]]} for s in sections(report)]
    return _Context({
        "r": report,
        "index": index,
        "verdict": report.verdict,
        "summary": counts,
        "counts": finding_counts(report),
        "junit": junit_counts(report),
        "sections": worded,
        "ordered": [texts[id(f)] for f in report.ordered_findings()],
        "ruleset_title": words.text(report.ruleset_titles, report.ruleset_title) if report.ruleset_titles
        else report.ruleset_title,
        "ruleset_version": words.version(report),
        "as_of": words.date(report.as_of),
        "subject_title": words.subject_title(report.subject_title),
        "extras": extras,
        "what_ifs": words.what_ifs(report),
    }, charts=lambda: importlib.import_module(_CHARTS).report_charts(report.section_data(), labels, report.findings))


class _Context(dict):
    """What the templates read about one report, its charts drawn when a template first reads them (a JUnit
    report reads none): an entry `later` names is made by its function on first read, then kept."""

    __slots__ = ("_later",)

    def __init__(self, values: dict[str, Any], **later: Any):
        super().__init__(values)
        self._later = later

    def __missing__(self, key: str) -> Any:
        make = self._later.get(key)
        if make is None:
            raise KeyError(key)
        value = self[key] = make()
        return value


def _in_language(key: str, value: Any, words, lang: str) -> Any:
    """A report's extra data in the report's language: a drop's reason (a rule-file text), the recognition
    section's reasons and notes (engine-made)."""
    if key == "dropped_rules":
        return [dict(d, reason=words.dropped_reason(d)) for d in value]
    if key == "recognition":
        return worded_recognition(value, lang)
    return value


@lru_cache(maxsize=None)
def environment(fmt: str) -> jinja2.Environment:
    """The Jinja2 environment for one format (autoescape for html and junit)."""
    import jinja2  # imported when a report is first templated: a plain `ects check` starts without it

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(bundled_reports_dir() / "templates")),
        autoescape=fmt in ("html", "junit"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_strip_invalid_xml if fmt == "junit" else None,
    )
    env.filters["md"] = md_escape
    env.filters["mdline"] = md_line
    env.filters["mdcode"] = md_code
    env.filters["rules_syntax"] = rules_syntax
    env.globals["missing_data"] = missing_data
    env.globals["number"] = format_number  # number(x, lang): 7.5, 7,5
    env.globals["since_text"] = since_last_audit_text
    env.globals["quoted"] = quoted  # quoted(citation, t): the original first, an English rendering labelled
    env.tests["simple"] = is_simple
    return env


@lru_cache(maxsize=1)
def stylesheet() -> Markup:
    """The report stylesheet (reports/report.css), inlined so an HTML report is one file (read once)."""
    from markupsafe import Markup  # noqa: PLC0415 - loaded with Jinja2

    return Markup((bundled_reports_dir() / "report.css").read_text(encoding="utf-8"))


def render_template(template: str, fmt: str, lang: str, **context: Any) -> str:
    """Render one template with the labels of `lang` and the given context."""
    labels = Labels(lang)
    env = environment(fmt)
    return env.get_template(template).render(t=labels, lang=labels.lang, css=stylesheet() if fmt == "html" else "",
                                             **context)


def template_pieces(template: str, fmt: str, lang: str, **context: Any) -> Iterator[str]:
    """`render_template`, a piece at a time as the template makes it (a long index is never one text)."""
    labels = Labels(lang)
    return environment(fmt).get_template(template).generate(t=labels, lang=labels.lang,
                                                            css=stylesheet() if fmt == "html" else "", **context)


def batch_context(summary: BatchSummary | None) -> dict[str, BatchSummary]:
    """What a document's templates read of a batch summary: `batch` when there is one (several files)."""
    return {} if summary is None else {"batch": summary}


def render_templated(reports: Sequence[Report], fmt: str, lang: str = "en",
                     not_audited: Sequence[tuple[str, str]] = (), summary: BatchSummary | None = None) -> str:
    """Render reports as one document: `html`, `md` or `junit`; `not_audited` names input files that
    could not be read, with their error; `summary`, the batch's, is shown with them (a batch of several files)."""
    if fmt not in TEMPLATED_FORMATS:
        raise UsageError(f"unknown report format '{fmt}'; formats: text, json, {', '.join(TEMPLATED_FORMATS)}")
    labels = Labels(lang)
    items = [report_context(r, labels, i) for i, r in enumerate(reports, 1)]
    return render_template(TEMPLATED_FORMATS[fmt], fmt, lang, reports=items, not_audited=list(not_audited),
                           **batch_context(summary))


def render_comparison(data: dict[str, Any], lang: str = "en") -> str:
    """`ects compare` data (engine.tools.compare.compare_rulesets) as one HTML page with a parameter chart."""
    w = wording(lang)
    charts, words = importlib.import_module(_CHARTS), importlib.import_module(_COMPARISON_WORDS)
    return render_template("html/comparison.html.j2", "html", lang, data=data,
                           charts=charts.comparison_charts(data, Labels(lang)), day=w.date,
                           role=lambda text: words.role_words(text, w), period=lambda text: words.period_words(text, w))
