"""One Markdown, JUnit or HTML document for a whole batch, put together report by report.

Each report's part is rendered on its own (`report_part`, in whichever process audited the report) from
the same template partials as `render_templated`. `DocumentParts` writes the parts to a temporary file as
they come and keeps only counts; `write` then gives the document: what needs totals (JUnit's number of
tests, failures and errors, the HTML page's title, the batch summary) is made at the end, from those counts
and a second temporary file. The document is the same bytes as `render_templated` of every report at once,
in no more memory for 10,000 reports than for 10.
"""
from __future__ import annotations

import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable, Sequence

from engine.errors import UsageError
from engine.evaluation.findings import Report
from .i18n import Labels
from .layout import junit_counts
from .summary import BatchSummary
from .templated import TEMPLATED_FORMATS, batch_context, render_template, report_context

DOCUMENT_FORMATS = tuple(TEMPLATED_FORMATS)  # html, md, junit
TITLE_SEPARATOR = "; "  # between two reports' entries in an HTML page's title (as html/report.html.j2 joins them)


@dataclass(frozen=True)
class ReportPart:
    """One report's part of a document: its body, its entry in the page title (HTML) and its numbers of
    findings, failures and errors (JUnit counts them)."""

    body: str
    title: str = ""
    findings: int = 0
    failures: int = 0
    errors: int = 0


def report_part(report: Report, fmt: str, lang: str, index: int | str) -> ReportPart:
    """The part of `report` in a document of `fmt`. `index` is its number in the document (HTML ids), or
    a mark that `DocumentParts` replaces by that number when the number is not known yet."""
    c = report_context(report, Labels(lang), index)
    if fmt == "md":
        return ReportPart(render_template("md/report.md.j2", fmt, lang, reports=[c], not_audited=[]))
    if fmt == "junit":
        n = junit_counts(report)
        return ReportPart(render_template("junit/_testsuite.xml.j2", fmt, lang, c=c), findings=n["tests"],
                          failures=n["failures"], errors=n["errors"])
    if fmt == "html":
        return ReportPart(render_template("html/_report.html.j2", fmt, lang, c=c, r=report),
                          render_template("html/_title.html.j2", fmt, lang, c=c))
    raise UsageError(f"'{fmt}' is not a document format ({', '.join(DOCUMENT_FORMATS)})")


def index_mark() -> str:
    """A mark for `report_part`'s index that no report's text holds (random for each batch)."""
    return f"ectsindex{secrets.token_hex(12)}"


class DocumentParts:
    """A document's parts as they come, in temporary files (in `folder`, or the system's), and its counts."""

    def __init__(self, fmt: str, lang: str, mark: str = "", folder: str | Path | None = None):
        self.fmt, self.lang, self.mark = fmt, lang, mark
        self.count = self.findings = self.failures = self.errors = 0
        self._body = _spool(folder)
        self._titles = _spool(folder) if fmt == "html" else None
        self._between = render_template("md/_between.md.j2", fmt, lang) if fmt == "md" else ""

    def add(self, part: ReportPart) -> None:
        """Append the next report's part."""
        self.count += 1
        self.findings += part.findings
        self.failures += part.failures
        self.errors += part.errors
        body = part.body.replace(self.mark, str(self.count)) if self.mark else part.body
        self._body.write((self._between if self.count > 1 else "") + body)
        if self._titles is not None:
            self._titles.write((TITLE_SEPARATOR if self.count > 1 else "") + part.title)

    def write(self, out: Callable[[str], None], not_audited: Sequence[tuple[str, str]],
              summary: BatchSummary | None = None) -> None:
        """Write the whole document with `out`, piece by piece; `not_audited` names the files not read;
        `summary`, the batch summary, is shown with them (a batch of several files)."""
        unread, batch = list(not_audited), batch_context(summary)
        if self.fmt == "md":
            self._copy(self._body, out)
            out(render_template("md/report.md.j2", "md", self.lang, reports=[], not_audited=unread, **batch))
        elif self.fmt == "junit":
            out(render_template("junit/_head.xml.j2", "junit", self.lang, tests=self.findings + len(unread),
                                failures=self.failures, errors=self.errors + len(unread)))
            self._copy(self._body, out)
            out(render_template("junit/_tail.xml.j2", "junit", self.lang, not_audited=unread, **batch))
        else:
            holes = {"title": index_mark(), "body": index_mark()}
            frame = render_template("html/report.html.j2", "html", self.lang, reports=[], not_audited=unread,
                                    holes=holes, **batch)
            head, rest = frame.split(holes["title"])
            middle, tail = rest.split(holes["body"])
            out(head)
            self._copy(self._titles, out)
            out(middle)
            self._copy(self._body, out)
            out(tail)

    def close(self) -> None:
        """Delete the temporary files."""
        for spool in (self._body, self._titles):
            if spool is not None:
                spool.close()

    @staticmethod
    def _copy(spool: IO[str], out: Callable[[str], None]) -> None:
        spool.seek(0)
        while chunk := spool.read(1 << 16):  # 64 Ki characters: a bounded peak, however long the document
            out(chunk)


def _spool(folder: str | Path | None) -> IO[str]:
    return tempfile.TemporaryFile("w+", encoding="utf-8", newline="", dir=folder)


__all__ = ["DOCUMENT_FORMATS", "ReportPart", "report_part", "index_mark", "DocumentParts"]
