"""How a transfer file (or an Online Learning Agreement) becomes a subject, and the transfer's part of a
report (named in engine.subjects.kinds)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.evaluation.sections import Recognition
from engine.subjects.load import is_xml, load_model
from engine.subjects.transfer.elmo import read_elmo
from engine.subjects.transfer.model import TransferFile
from engine.subjects.transfer.ola import load_ola_transfer
from engine.subjects.transfer.recognition import recognise
from engine.subjects.transfer.recognition_grades import transfer_grades
from engine.subjects.transfer.views import TransferView


def read(path: Path, options, ruleset) -> tuple[Any, Any, str]:
    """(model, view, sha256) of a transfer file or OLA, its transcript replaced by `options.transcript_xml`."""
    if is_xml(path):  # an EWP Online Learning Agreement
        model, sha = load_ola_transfer(path)
    else:
        model, sha = load_model(TransferFile, path, "transfer")
    if options.transcript_xml is not None:
        model = model.model_copy(update={"transcript": read_elmo(options.transcript_xml).transcript})
    return model, TransferView(model), sha


def add_sections(report, subject, evaluator) -> None:
    """The recognition section, with grades converted as the options say."""
    model, options = subject.model, subject.options
    grades = transfer_grades(model, subject.path or ".", options.home_grades, options.policy, options.host_grades)
    report.recognition = Recognition(recognise(model, grades=grades))
