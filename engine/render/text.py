"""A report for the terminal: verdict and summary first, then failures, undecided, warnings, passes.

The same sections, in the same order and with the same labels (in the report's language), as the
HTML and Markdown reports.
"""
from __future__ import annotations

import re
from functools import lru_cache

from engine.evaluation.findings import Report
from .i18n import Labels
from .layout import finding_counts, in_full, sections, source_table
from .quotes import quoted
from .wording import FindingText, wording
from .subject_words import subject_words
from .wrapping import wrap

MARK = {("fail", "error"): "FAIL", ("fail", "warning"): "WARN", ("fail", "info"): "NOTE",
        ("indeterminate", "error"): "UNDECIDED", ("indeterminate", "warning"): "UNDECIDED",
        ("indeterminate", "info"): "UNDECIDED", ("waived", "error"): "WAIVED", ("waived", "warning"): "WAIVED",
        ("waived", "info"): "WAIVED"}
COMPACT_SECTIONS = {"passes"}  # listed by rule, one subject after another, unless --show all


WIDTH = 100
_RESHAPED = re.compile(r"[\t\n\x0b\x0c\r]")  # whitespace textwrap turns into spaces (or tab stops)


def _wrap(text: str, indent: str) -> list[str]:
    if (len(indent) + len(text) <= WIDTH and text and not text[0].isspace() and not text[-1].isspace()
            and not _RESHAPED.search(text)):
        return [indent + text]  # what textwrap gives for a line that fits and that it has no whitespace to change
    if type(text) is not str:
        return _wrapped.__wrapped__(text, indent)
    return list(_wrapped(text, indent))  # a list of its own: callers add to it


@lru_cache(maxsize=4096)
def _wrapped(text: str, indent: str) -> list[str]:
    """A text too long for a line, wrapped; remembered (bounded): a batch wraps the same sources' quotes, lists
    of subjects and trace lines in report after report."""
    return wrap(text, WIDTH, indent, indent + "  ") or [indent]


def _finding_lines(f: FindingText, full: bool, t: Labels, explain: bool = False,
                   sources: dict | None = None) -> list[str]:
    mark = MARK.get((f.status, f.severity), "pass" if f.status == "pass" else "n/a")
    head = f"[{t.get('mark.' + mark, mark)}] {t('severity.' + f.severity)} · {f.rule} · {f.subject}: {f.title}"
    lines = _wrap(head, "  ")
    lines += _wrap(f.message, "      ")
    for line in (f.waiver, f.what_if):  # shown in every section: who waived it; that it is a what-if
        if line:
            lines += _wrap(line, "      ")
    if not (full or explain):
        return lines
    if f.replaces:
        lines += _wrap(t("replaces", rule=f.replaces), "      ")
    for step in f.trace:
        if step.kind == "value":
            name = f"{step.words} [{step.expr}]" if explain and step.words else (step.words or step.expr)
            lines += _wrap(f"- {name} = {step.value}" + (f"  ({step.detail})" if step.detail else ""), "      ")
        elif explain or step.kind == "requirement":  # in words; with --explain also in the rule language
            lines += _wrap(f"- {step.label}: {step.words or step.expr} -> {step.value}", "      ")
            if explain and step.words:
                lines += _wrap(f"  [{step.expr}]", "      ")
    if f.citations and sources is not None:  # the sources themselves are given once, at the end
        lines += _wrap(f"{t('citation')}: {', '.join(sources[c] for c in f.finding.citations)}", "      ")
    if f.note:
        lines += _wrap(f"{t('note')}: {f.note}", "      ")
    if explain and f.provenance:
        lines += _wrap(f.provenance, "      ")
        if f.params:
            lines += _wrap(f"{t('provenance.params')}:", "      ")
            for p in f.params:
                lines += _wrap(f"- {p}", "        ")
    return lines


def _compact_lines(items: list, w) -> list[str]:
    """Findings listed compactly: per rule, its subjects on one wrapped line."""
    by_rule: dict[str, list[str]] = {}
    seen: dict = {}  # the subjects worded, for this report
    for f in items:
        by_rule.setdefault(f.rule, []).append(subject_words(f.subject_ref, w, seen))
    lines: list[str] = []
    for rule, subjects in by_rule.items():
        lines += _wrap(f"{rule} ({len(subjects)}): {', '.join(subjects)}", "  ")
    return lines


def _source_lines(sources: dict, w) -> list[str]:
    t = w.t
    lines = ["", f"{t('section.sources')} ({len(sources)}):"]
    for cited, sid in sources.items():
        c = w.citation(cited)
        conf = f" [{t('confidence.' + c.confidence)}]" if c.confidence else ""
        lines += _wrap(f"[{sid}] {c.source_title}, {c.ref}{conf}", "  ")
        for text, label in quoted(c, t):
            lines += _wrap(f'"{text}"' + (f" ({label})" if label else ""), "      ")
    return lines


def render_text(r: Report, lang: str = "en", explain: bool = False, show: str = "all") -> str:
    """The whole report as plain text; with `explain`, every finding with its full trace (conditions,
    requirements, every value read), its provenance and the parameter versions it used. `show` (all,
    problems, failures; engine.render.layout.in_full) chooses the findings given in full; the others are
    listed compactly. Each source is quoted once, at the end, and findings name it by id."""
    w = wording(lang)
    t = w.t
    s = r.summary
    counts = finding_counts(r)
    out = [
        f"{t('kind.' + r.subject_kind)} {r.subject_id}" + (f" - {w.subject_title(r.subject_title)}" if r.subject_title else ""),
        f"{t('ruleset')}: {r.ruleset_id} ({w.text(r.ruleset_titles, r.ruleset_title)}" + (f", {w.version(r)}" if r.ruleset_version else "")
        + f") - {t('as_of')} {w.date(r.as_of)}",
    ]
    if r.what_ifs:
        out.append(f"*** {t('whatif.banner')}:")
        out += [f"  - {line}" for line in w.what_ifs(r)]
    if r.input_path:
        out.append(f"{t('input')}: {r.input_path} (SHA-256 {r.input_sha256 or '?'})")
        out += [f"  {t('extra.input_notes')}: {note}" for note in r.extra.get("input_notes", [])]
    out.append(f"{t('verdict')}: {t('verdict.' + r.verdict)} - {t('verdict_explain.' + r.verdict)}")
    out.append("  " + t("summary.counts", fail=counts["failures"], warn=counts["warnings"], undecided=counts["undecided"],
                        waived=counts["waived"], passed=s["pass"], na=s["not_applicable"]))
    if r.since_last_audit is not None:
        out += _wrap(since_last_audit_text(r.since_last_audit.to_dict(), r.subject_kind, t), "  ")
    sources = source_table(r)
    for section in sections(r):
        items = section["findings"]
        if not items:
            continue
        out.append("")
        out.append(f"{t('section.' + section['key'])} ({len(items)}):")
        if show != "all" and section["key"] in COMPACT_SECTIONS:
            out += _compact_lines(items, w)
            continue
        for f in items:
            full = f.status != "pass" and f.status != "not_applicable" and in_full(f.status, show)
            text = w.finding(f) if full or explain else w.headline(f)  # the trace only where it is shown
            out += _finding_lines(text, full, t, explain, sources)
    dropped_rules = r.section_data().get("dropped_rules", [])
    for dropped in dropped_rules:
        if dropped is dropped_rules[0]:
            out.append("")
            out.append(f"{t('section.dropped')}:")
        out += _wrap(f"- {dropped['rule']} ({dropped['from']}): {w.dropped_reason(dropped)}", "  ")
    if sources:
        out += _source_lines(sources, w)
    return "\n".join(out) + "\n"


def since_last_audit_text(since: dict, kind: str, t: Labels) -> str:
    """"Since the last audit of this programme (audit 3, ...): 2 fixed, 1 new; ..." with what else changed."""
    line = t("history.since", kind=t("kind." + kind).lower(), id=since["audit_id"],
             time=since["recorded_at"][:16].replace("T", " ") + " UTC", fixed=since["fixed"], new=since["new"],
             changed=since["changed"])
    notes = [t("history.input_changed" if since["input_changed"] else "history.input_same")]
    if since["ruleset_changed"] is not None:
        notes.append(t("history.ruleset_changed" if since["ruleset_changed"] else "history.ruleset_same"))
    return f"{line} ({'; '.join(notes)})"


def not_audited_text(not_audited, lang: str = "en") -> str:
    """The input files that could not be read, with their error ('' when there are none)."""
    if not not_audited:
        return ""
    t = Labels(lang)
    lines = ["", f"{t('section.not_audited')} ({len(not_audited)}):"]
    for path, error in not_audited:
        lines += _wrap(f"- {path}: {error}", "  ")
    return "\n".join(lines) + "\n"
