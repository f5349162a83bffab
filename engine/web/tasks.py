"""The work `ects serve` gives its worker processes (engine.web.pool): audits for the API, audits for the
pages, the pages and downloads of an audit, comparisons. Each function takes picklable arguments and returns
texts or plain data.

Reports are not sent between processes: a report page or a download audits the kept uploads again in a worker
(the same bytes, rule sets, date and what-ifs give the same reports; one report's page or download audits only
its own file under its own rule set) and renders them there; what the audit store said the first time (`since
the last audit`) is given back to the reports, and nothing is recorded twice.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from engine.evaluation.findings import Report
from engine.evaluation.sections import SinceLastAudit
from ..render import render, to_json
from ..render.i18n import Labels
from ..render.templated import report_context
from ..render.wording import wording
from .auditing import DOWNLOAD_FORMATS, AuditResult, KeptAudit, batch_rows, matrix, run_audit
from .comparing import run_compare
from .forms import AuditRequest, CompareRequest
from .handling import render_page
from .workers import worker_catalog, worker_store


@dataclass(frozen=True)
class FirstAudit:
    """What the pages keep of an audit: each report's download name, rule set and file, and comparison with the
    audit store; the files that could not be read, and the one-line error of each."""

    names: tuple[str, ...]
    sources: tuple[tuple[str, int], ...]
    since: tuple[SinceLastAudit | None, ...]
    not_audited: tuple[tuple[str, str], ...]
    errors: tuple[str, ...]


def audit_json(req: AuditRequest) -> tuple[str | None, list[str]]:
    """The API's audit: the reports as the CLI's JSON, or (None, the error lines) if a file could not be read."""
    result = run_audit(worker_catalog(), req, worker_store())
    errors = result.error_lines()
    return (None, errors) if errors else (to_json(result.reports), [])


def audit_for_pages(req: AuditRequest) -> FirstAudit:
    """The pages' audit, recorded in the audit store if there is one."""
    result = run_audit(worker_catalog(), req, worker_store())
    return FirstAudit(tuple(f"report-{r.subject_id}-{r.ruleset_id}" for r in result.reports), tuple(result.sources),
                      tuple(r.since_last_audit for r in result.reports), tuple(result.not_audited),
                      tuple(result.error_lines()))


def _again(kept: KeptAudit) -> AuditResult:
    """Every report of the kept audit, made again."""
    result = run_audit(worker_catalog(), kept.request)
    result.token = kept.token
    for report, since in zip(result.reports, kept.since):
        report.since_last_audit = since
    return result


def _one_again(kept: KeptAudit, index: int) -> Report:
    """Report `index` of the kept audit, made again from its one file under its one rule set."""
    ruleset_id, file_index = kept.sources[index]
    one = dataclasses.replace(kept.request, files=[kept.request.files[file_index]], rulesets=[ruleset_id])
    (report,) = run_audit(worker_catalog(), one).reports
    report.since_last_audit = kept.since[index]
    return report


def rule_page(ruleset_id: str, as_of: str) -> str:
    """The rule-set browser's page, with the values in force on a report's date."""
    return f"/rulesets/{ruleset_id}?as_of={as_of}"


def result_page(kept: KeptAudit, index: int | None) -> str:
    """The page of report `index`; without an index, the audit's page: its one report, or the batch index of
    several (per rule set, non-compliant first, with the rule x subject matrix)."""
    if index is None and kept.count == 1:
        index = 0
    if index is not None:
        return _report_page(kept, index)
    result = _again(kept)
    offsets, start = {}, 0
    for rs_id, batch in result.batches.items():
        offsets[rs_id] = start
        start += len(batch.reports)
    catalog = worker_catalog()
    words = wording(result.lang)
    batches = [{"id": rs_id, "rows": [(offsets[rs_id] + i, r) for i, r in batch_rows(batch)],
                "matrix": matrix(batch, result.lang),
                "title": words.text(catalog.get(rs_id).composed.header.titles, catalog.get(rs_id).composed.title)}
               for rs_id, batch in result.batches.items()]
    return render_page("web/batch.html.j2", result.lang, f"/results/{kept.token}", catalog.ids(), result=result,
                       batches=batches, words=words, formats=list(DOWNLOAD_FORMATS),
                       not_audited=result.not_audited)


def _report_page(kept: KeptAudit, index: int) -> str:
    report = _one_again(kept, index)
    lang = kept.request.lang
    ctx = [report_context(report, Labels(lang), 1)]
    return render_page("web/report.html.j2", lang, f"/results/{kept.token}/{index}", worker_catalog().ids(),
                       reports=ctx, not_audited=list(kept.not_audited),
                       rule_pages={report.ruleset_id: rule_page(report.ruleset_id, report.as_of)}, token=kept.token,
                       index=index, formats=list(DOWNLOAD_FORMATS), many=kept.count > 1)


def download(kept: KeptAudit, index: int | None, fmt: str) -> str:
    """Report `index` (None: all of them, with the files not audited) in one of the CLI's formats."""
    if index is None:
        return _again(kept).download(fmt)
    return render([_one_again(kept, index)], fmt, kept.request.lang)


def compare(req: CompareRequest, lang: str = "en") -> dict[str, Any]:
    """`ects compare` data for the rule sets asked, with the uploaded programme if any."""
    return run_compare(worker_catalog(), req, lang)


__all__ = ["FirstAudit", "audit_json", "audit_for_pages", "result_page", "download", "compare", "rule_page"]
