"""Auditing one transfer file through the library's one pipeline, as the transfer tests need it."""
from __future__ import annotations

from engine.api import audit
from engine.subjects.kinds import LoadOptions, load_subject


def audit_transfer(ruleset: str, path, transcript_xml=None):
    """(report, model) of a transfer file (YAML, JSON or an EWP OLA .xml) audited under `ruleset`."""
    subject = load_subject("transfer", path, LoadOptions(transcript_xml=None if transcript_xml is None else str(transcript_xml)))
    return audit(ruleset, subject), subject.model


def recognition(report) -> dict:
    """The recognition section of a transfer's report, as the JSON report gives it."""
    return report.section_data()["recognition"]
