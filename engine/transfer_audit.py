"""Auditing a transfer file: load it (optionally with an ELMO transcript), evaluate, attach recognition."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from .compiled import CompiledRuleSet, load_ruleset
from .evaluate import Evaluator, evaluate
from .findings import Report
from .importers.ola import load_ola_transfer
from .model.transfer import TransferFile, load_transfer
from .recognition import recognise
from .recognition_grades import transfer_grades


def load_transfer_with(path: str | Path, transcript_xml: str | Path | None = None) -> tuple[TransferFile, str]:
    """Read a transfer file (or an OLA .xml); with `transcript_xml`, its transcript is replaced by that ELMO transcript."""
    model, sha = load_ola_transfer(path) if str(path).lower().endswith(".xml") else load_transfer(path)
    if transcript_xml is not None:
        from .importers.elmo import read_elmo
        imported = read_elmo(transcript_xml)
        model = model.model_copy(update={"transcript": imported.transcript})
    return model, sha


def audit_transfer(ruleset: CompiledRuleSet | str, path: str | Path, *, as_of: dt.date | None = None,
                   lang: str = "en", transcript_xml: str | Path | None = None,
                   home_grades: tuple[str, str] | None = None,
                   policy: str = "avg", evaluator: Evaluator | None = None,
                   host_grades: tuple[str, str] | None = None) -> tuple[Report, TransferFile]:
    """Audit a transfer file against a rule set; the report's extra["recognition"] holds the recognition.

    `home_grades` / `host_grades` = (cohort file, group id) give the grading tables to convert grades
    with (else the transfer file's `grades:`).
    """
    from .model.transfer_views import TransferView
    from .schema import ensure_registered

    ensure_registered()
    rs = load_ruleset(ruleset) if isinstance(ruleset, str) else ruleset
    model, sha = load_transfer_with(path, transcript_xml)
    report = evaluate(rs, TransferView(model), as_of=as_of, lang=lang, input_path=str(path), input_sha256=sha,
                      evaluator=evaluator)
    grades = transfer_grades(model, path, home_grades, policy, host_grades)
    report.extra["recognition"] = recognise(model, grades=grades)
    return report, model


__all__ = ["audit_transfer", "load_transfer_with"]
