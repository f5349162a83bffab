"""Write a transfer file: a skeleton to complete (what an ELMO import gave, the rest a placeholder), or a
whole imported one (an Online Learning Agreement)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable, Iterable

import yaml
from pydantic import BaseModel

from engine.subjects.transfer.model import Party, Student, Transcript, TransferFile

PLACEHOLDER_ID = "TODO-case-id"


@dataclass(frozen=True)
class NoteWords:
    """How an import's notes are worded as comments of the file written: the heading above them and `say`,
    which words one note (an engine.semantics.reasons.Reason) in the reader's language."""

    heading: str = "Import notes:"
    say: Callable[[Any], str] = str


ENGLISH_NOTES = NoteWords()


def _notes_comment(notes: Iterable[Any], words: NoteWords) -> str:
    """The notes as YAML comments under their heading ('' when there are none)."""
    lines = [words.say(n) for n in notes]
    return f"# {words.heading}\n" + "".join(f"#  - {n}\n" for n in lines) if lines else ""

_HOME_TODO = """\
# TODO home: where recognition is decided (the sending institution, or the target programme).
# home:
#   institution: {name: TODO, schac: TODO, erasmus_code: TODO}
#   country: TODO            # ISO alpha-2, e.g. GR
#   programme_id: TODO
#   cycle: first             # short | first | second | third
#   kind: academic           # academic | vocational
#   grading_scheme_id: TODO
"""
_HOST_TODO = """\
#   programme_id: TODO
#   cycle: first             # short | first | second | third
#   kind: academic           # academic | vocational
"""
_REST_TODO = """\
# TODO agreement: the inter-institutional agreement the mobility runs under.
# agreement: {id: TODO, name: TODO, approved: true, approval_date: YYYY-MM-DD}
# TODO period: actual start and end of the stay.
# period: {start: YYYY-MM-DD, end: YYYY-MM-DD}
# TODO learning_agreement: Table A (components_studied), Table B (components_recognized), signatures.
# learning_agreement:
#   components_studied:
#     - {code: TODO, title: TODO, term: TODO, credits: 0}
#   components_recognized:
#     - {code: TODO, title: TODO, credits: 0}
#   justification: null
#   signatures:
#     student: {signed: YYYY-MM-DD}
#     sending: {signed: YYYY-MM-DD}
#     receiving: {signed: YYYY-MM-DD}
#   amendments: []
"""
_RECOGNITION_TODO = """\
# TODO recognition: the home institution's decision.
# recognition:
#   date: YYYY-MM-DD
#   lines:
#     - {code: TODO, title: TODO, credits: 0, converted_grade: TODO, from_components: [TODO]}
#   not_recognized: []
"""


def _plain(model: BaseModel | None) -> Any:
    """A model as plain JSON-able data without empty fields; whole-number floats as ints."""
    if model is None:
        return None
    return _tidy(model.model_dump(mode="json", exclude_none=True, exclude_defaults=True))


def _tidy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _tidy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def dump_transfer_skeleton(transcript: Transcript, format: str = "yaml", *, host: Party | None = None,
                           student: Student | None = None, notes: Iterable[Any] = (),
                           words: NoteWords = ENGLISH_NOTES) -> str:
    """A transfer file in the project's format with `transcript` (and host/student if given) filled in.

    YAML leaves the other parts as commented TODO templates; JSON has them as null. Either output loads
    with engine.model.transfer.load_transfer as it is.
    """
    if format == "json":
        data = {"kind": "mobility", "id": PLACEHOLDER_ID, "title": None, "student": _plain(student),
                "home": None, "host": _plain(host), "agreement": None, "period": None,
                "learning_agreement": None, "transcript": _plain(transcript), "recognition": None}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if format != "yaml":
        raise ValueError(f"unknown format '{format}' (expected yaml or json)")
    out = ["# Credit transfer file to complete: replace the TODO parts and uncomment them.\n"]
    out.append(_notes_comment(notes, words))
    out.append("kind: mobility             # or programme_transfer\n")
    out.append(_yaml({"id": PLACEHOLDER_ID}))
    out.append(_yaml({"student": _plain(student)}) if student else "# student: {name: TODO, id: TODO}\n")
    out.append(_HOME_TODO)
    if host:
        out.append("# host: where the credits were earned (the issuer of the transcript).\n")
        out.append(_yaml({"host": _plain(host)}) + _HOST_TODO)
    else:
        out.append("# TODO host: where the credits were earned.\n# host: {institution: {name: TODO}, country: TODO}\n")
    out.append(_REST_TODO)
    out.append("# transcript: the host's Transcript of Records.\n")
    out.append(_yaml({"transcript": _plain(transcript)}))
    out.append(_RECOGNITION_TODO)
    return "".join(out)


def dump_transfer(transfer: TransferFile, format: str = "yaml", *, notes: Iterable[Any] = (),
                  words: NoteWords = ENGLISH_NOTES) -> str:
    """A complete transfer file as YAML (with `notes` as comments at the top, worded by `words`) or JSON; it
    loads as it is."""
    data = _plain(transfer)
    if format == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if format != "yaml":
        raise ValueError(f"unknown format '{format}' (expected yaml or json)")
    return _notes_comment(notes, words) + _yaml(data)
