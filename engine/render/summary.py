"""The summary that ends every batch: files given, audited and not readable, verdicts, and for each rule in
how many subjects it failed or was undecided; plus the rule x subject matrix of statuses (CSV or XLSX).

A summary is built one subject at a time from small records (`SubjectOutcome`), so it costs no more than a
few numbers per subject however large the batch."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any, Iterator, MutableSequence, Sequence

from engine.evaluation.findings import STATUSES, VERDICTS, Report
from engine.spooled import SpooledList
from engine.workbook_bytes import workbook_bytes
from .i18n import Labels
from .layout import finding_counts

# the status that stands for a rule in one subject, worst first (a rule gives one finding per year, course...)
_WORST_FIRST = STATUSES  # fail, indeterminate, waived, pass, not_applicable: the worst first


@dataclass(frozen=True)
class SubjectOutcome:
    """What a batch keeps of one audited subject: id, title, verdict, the counts of its index row, and each
    rule's status in it (its worst finding's)."""

    subject_id: str
    title: str | None
    verdict: str
    counts: dict[str, int]
    rule_status: dict[str, str]
    ruleset: str
    as_of: str
    ruleset_titles: dict[str, str] = field(default_factory=dict)  # the rule set's title by language
    rule_severity: dict[str, str] = field(default_factory=dict)  # each rule's severity (error, warning, info)
    input_path: str | None = None  # the file audited, as named in its report (two files may hold one subject id)


def subject_outcome(r: Report, counts: dict[str, int]) -> SubjectOutcome:
    """The outcome of one report (`counts`: failures, warnings, undecided as the index shows them)."""
    rank = {s: i for i, s in enumerate(_WORST_FIRST)}
    status: dict[str, str] = {}
    severity: dict[str, str] = {}
    for f in r.findings:
        severity.setdefault(f.rule, f.severity)
        seen = status.get(f.rule)
        if seen is None or rank[f.status] < rank[seen]:
            status[f.rule] = f.status
    return SubjectOutcome(r.subject_id, r.subject_title, r.verdict, counts, status, r.ruleset_title, r.as_of,
                          dict(r.ruleset_titles), severity, r.input_path)


@dataclass
class BatchSummary:
    """Counts over a batch, updated as each file's outcome arrives (in order)."""

    files: int = 0
    not_audited: list[tuple[str, str]] = field(default_factory=list)
    verdicts: dict[str, int] = field(default_factory=lambda: {v: 0 for v in VERDICTS})
    rules: dict[str, dict[str, int]] = field(default_factory=dict)  # rule -> status -> subjects
    severities: dict[str, str] = field(default_factory=dict)  # rule -> its severity, as the first subject gave it
    # small records, for the index and the matrix: a list, or a list kept on disk (engine.spooled) for a batch
    outcomes: MutableSequence[SubjectOutcome] | SpooledList[SubjectOutcome] = field(default_factory=list)
    keep: bool = True  # keep `outcomes` (an index or a matrix needs them; a stream alone does not)

    @classmethod
    def of(cls, reports: Sequence[Report], not_audited: Sequence[tuple[str, str]] = ()) -> BatchSummary:
        """The summary of reports made at once (engine.api.audit_files), as a streamed batch counts them."""
        summary = cls()
        for r in reports:
            summary.add(subject_outcome(r, finding_counts(r)))
        for where, error in not_audited:
            summary.add_unreadable(where, error)
        return summary

    def add(self, outcome: SubjectOutcome) -> None:
        self.files += 1
        self.verdicts[outcome.verdict] += 1
        for rule, status in outcome.rule_status.items():
            self.rules.setdefault(rule, {s: 0 for s in STATUSES})[status] += 1
        for rule, severity in outcome.rule_severity.items():
            self.severities.setdefault(rule, severity)
        if self.keep:
            self.outcomes.append(outcome)

    def add_unreadable(self, location: str, error: str) -> None:
        self.files += 1
        self.not_audited.append((location, error))

    @property
    def audited(self) -> int:
        return self.files - len(self.not_audited)

    def problem_rules(self) -> list[tuple[str, dict[str, int]]]:
        """The rules that failed or were undecided somewhere, most failures first, then by id."""
        rows = [(rule, c) for rule, c in self.rules.items() if c["fail"] or c["indeterminate"]]
        return sorted(rows, key=lambda x: (-x[1]["fail"], -x[1]["indeterminate"], x[0]))

    def to_dict(self) -> dict[str, Any]:
        """As JSON data (engine.render.report_schema.batch_summary_schema)."""
        return {
            "files": self.files, "audited": self.audited, "not_readable": len(self.not_audited),
            "verdicts": dict(self.verdicts),
            "rules": [{"rule": rule, **({"severity": self.severities[rule]} if rule in self.severities else {}), **counts}
                      for rule, counts in sorted(self.rules.items())],
            "not_audited": [{"location": where, "error": error} for where, error in self.not_audited],
        }

    def json_line(self) -> str:
        """The summary as the last line of a `jsonl` batch: {"batch_summary": {...}}."""
        return json.dumps({"batch_summary": self.to_dict()}, ensure_ascii=False) + "\n"

    def counts_line(self, t: Labels) -> str:
        """Files given, audited and not readable, each count in the plural form it takes in the language
        ("3 files given · 2 audited · 1 not readable")."""
        return (f"{t.count('batch.files', self.files)} · {t.count('batch.audited', self.audited)} · "
                f"{t.count('batch.not_readable', len(self.not_audited))}")

    def no_problem(self, t: Labels) -> str:
        """What the summary says when no rule failed or was undecided: that every rule passed or did not
        apply, or, when no file could be audited, that there was nothing to judge."""
        return t("batch.none_failed") if self.audited else t("batch.none_audited")

    def is_warning(self, rule: str) -> bool:
        """Whether the rule's failures are warnings, as the reports call them (its severity is not error)."""
        return self.severities.get(rule, "error") != "error"

    def fail_label(self, t: Labels, rule: str) -> str:
        """The heading of a rule's failures: 'Failed', or 'Warning' for a rule of warning severity."""
        return t("batch.col.warned") if self.is_warning(rule) else t("status.fail")

    def rule_counts(self, t: Labels, counts: dict[str, int], rule: str | None = None) -> str:
        """In how many subjects a rule failed (gave a warning, for a rule of warning severity), was undecided
        and was waived, in the plural forms the counts take ("1 failed, 2 undecided, 1 waived";
        "202 warnings, 0 undecided"); the waived count only where there is one."""
        failed = t.count("batch.warned" if rule and self.is_warning(rule) else "batch.failed", counts["fail"])
        text = t("batch.rule_counts", fail=failed, indeterminate=t.count("batch.undecided", counts["indeterminate"]))
        if counts.get("waived"):
            text += ", " + t.count("batch.waived", counts["waived"])
        return text

    def text(self, lang: str = "en") -> str:
        """The summary for the terminal (and the end of a text batch)."""
        t = Labels(lang)
        verdicts = " · ".join(f"{t('verdict.' + v)}: {n}" for v, n in self.verdicts.items())
        lines = ["", f"{t('batch.summary')}: {self.counts_line(t)}", f"  {verdicts}"]
        problems = self.problem_rules()
        lines.append(f"  {t('batch.rules')}:" if problems else f"  {self.no_problem(t)}")
        width = max((len(rule) for rule, _ in problems), default=0)
        lines += [f"    {rule:<{width}}  {self.rule_counts(t, c, rule)}" for rule, c in problems]
        return "\n".join(lines) + "\n"

    def markdown(self, lang: str = "en") -> str:
        """The summary as a Markdown section (escaped: rule ids are plain identifiers)."""
        t = Labels(lang)
        lines = ["", f"## {t('batch.summary')}", "",
                 self.counts_line(t), "",
                 " · ".join(f"{t('verdict.' + v)}: {n}" for v, n in self.verdicts.items()), ""]
        problems = self.problem_rules()
        if problems:
            lines += [f"| {t('rule')} | {t('status.fail')} | {t('batch.col.warned')} | {t('status.indeterminate')} | "
                      f"{t('status.waived')} |", "| --- | ---: | ---: | ---: | ---: |"]
            lines += [f"| `{rule}` | {0 if self.is_warning(rule) else c['fail']} | {c['fail'] if self.is_warning(rule) else 0} "
                      f"| {c['indeterminate']} | {c.get('waived', 0)} |" for rule, c in problems]
        else:
            lines.append(self.no_problem(t))
        return "\n".join(lines) + "\n"

    def matrix_rows(self, lang: str = "en") -> Iterator[list[str]]:
        """The rule x subject matrix: a header (subject, verdict, file, then every rule), one row per subject, then one
        per file that could not be read (no subject, verdict `not_read`, its location, no statuses), each made as
        it is taken. In English the verdicts and statuses are their codes (pass, non_compliant), which scripts
        read; in another language the header, verdicts and statuses are its words."""
        rules = sorted(self.rules)
        t = Labels(lang)
        if lang == "en":
            verdict, status = str, str
        else:
            def verdict(v: str) -> str:
                return t(f"verdict.{v}")

            def status(s: str) -> str:
                return t(f"status.{s}") if s else ""
        yield [t("batch.matrix.subject"), t("batch.matrix.verdict"), t("batch.matrix.file"), *rules]
        for o in self.outcomes:
            yield [o.subject_id, verdict(o.verdict), o.input_path or "", *(status(o.rule_status.get(rule, "")) for rule in rules)]
        not_read = "not_read" if lang == "en" else t("batch.matrix.not_read")
        for where, _ in self.not_audited:
            yield ["", not_read, where, *([""] * len(rules))]

    def matrix_csv(self, lang: str = "en") -> str:
        return "".join(self.matrix_csv_lines(lang))

    def matrix_csv_lines(self, lang: str = "en") -> Iterator[str]:
        """The matrix as CSV, a line (a row) at a time."""
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        for row in self.matrix_rows(lang):
            writer.writerow(row)
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()

    def matrix_xlsx(self, lang: str = "en") -> bytes:
        """The matrix as an Excel workbook (openpyxl, write-only: rows are streamed)."""
        from openpyxl import Workbook  # noqa: PLC0415 - an optional, heavy import only --matrix *.xlsx needs

        book = Workbook(write_only=True)
        sheet = book.create_sheet(Labels(lang)("batch.matrix.sheet"))
        for row in self.matrix_rows(lang):
            sheet.append(row)
        return workbook_bytes(book, output=True)
