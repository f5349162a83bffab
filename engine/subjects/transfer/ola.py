"""Read an EWP Online Learning Agreement (omobility-las get response) into a transfer file.

What is read, per `<la>`: the sending and receiving HEI (-> home and host), the student, the planned
period, and the three lists of components:

- `first-version`: the learning agreement as first agreed (Table A, B, C and its signatures);
- `approved-changes`: the latest approved changes to it, relative to the first version (EWP keeps
  one cumulative list) -> one amendment, with its signatures;
- `changes-proposal`: a proposal not yet approved. Without a first version it is the proposed first
  version (its tables are read, its missing receiving signature stays missing); with one, it is a
  proposed change and goes to `pending_changes`: not a signed change, not applied to the tables.

Update requests (`approve-proposal-v1`, `comment-proposal-v1`, as the receiving HEI sends them) given
with the get response are applied to the proposal they name: an approval adds the receiving HEI's
signature (the proposal becomes the first version, or the approved changes); a comment leaves it
unapproved, with the comment. Element names are read without their namespace, so the EWP examples,
the Erasmus Dashboard files and bare scenario fragments all read alike.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from pydantic import ValidationError

from engine.errors import SubjectFileError
from engine.semantics.reasons import Listed, Reason, because, plain
from engine.limits import display_name, input_sha256
from engine.subjects.transfer.ola_parts import OlaReader, Version
from engine.subjects.transfer.xml_errors import cannot_import
from engine.subjects.transfer.skeleton import ENGLISH_NOTES, NoteWords, dump_transfer
from engine.subjects.worded import WordedText
from engine.subjects.xmlread import parse_xml, split_tag
from engine.subjects.transfer.model import Amendment, LearningAgreement, Signatures, TransferFile

_LISTS = ("first-version", "approved-changes", "changes-proposal")
ELMO_HINT = because("import.ola.hint_elmo", ": it is an ELMO transcript, not an Online Learning Agreement; give it "
                    "with --transcript beside a transfer file, or make a transfer file of it with `ects import elmo`")


@dataclass
class OlaImport:
    """One learning agreement read from an OLA file: the transfer file, its state (a sentence to word in the
    reader's language; its English text is the transfer's title), and notes."""

    path: str
    transfer: TransferFile
    state: Reason
    notes: list[Reason] = field(default_factory=list)
    sha256: str = ""

    def skeleton(self, format: str = "yaml", words: NoteWords = ENGLISH_NOTES) -> str:
        """The transfer file (YAML with the notes as comments, or JSON); its title and the notes worded by `words`
        (the reader's language)."""
        title = words.say(_title(self.state))
        state = because("import.ola.state_note", "state: {state}", state=self.state)
        return dump_transfer(self.transfer.model_copy(update={"title": title}), format, notes=[state, *self.notes],
                             words=words)


def _title(state: Reason) -> Reason:
    """The title of a learning agreement read from an OLA file: its state, to word in the reader's language."""
    return because("import.ola.title", "Online Learning Agreement ({state})", state=state)


def _local(elem: ET.Element) -> str:
    return split_tag(elem.tag)[1]


def _agreements(root: ET.Element) -> list[ET.Element]:
    """The <la> elements; a bare fragment with first-version / changes-proposal counts as one."""
    las = [e for e in root.iter() if _local(e) == "la"]
    if las:
        return las
    if _local(root) in _LISTS:  # a file that is one bare list (an example scenario step)
        wrapper = ET.Element("fragment")
        wrapper.append(root)
        return [wrapper]
    return [root] if any(_local(e) in _LISTS for e in root) else []


def _updates(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter() if _local(e) in ("approve-proposal-v1", "comment-proposal-v1")]


def read_ola(path: str | Path, updates: list[str | Path] = ()) -> list[OlaImport]:
    """Read an OLA get response (one import per <la>), applying the given update requests in order.

    Raises SubjectFileError (one line, naming the file) for a file that holds no learning agreement
    (e.g. an update request or response on its own) or that cannot be read.
    """
    name = display_name(path)
    root, lines = parse_xml(path, fragments=True)
    las = _agreements(root)
    if not las:
        kind = _local(root[0]) if _local(root) == "fragment" and len(root) else _local(root)
        hint = (because("import.ola.hint_request", " (an update request: give it after the get response it answers)")
                if _updates(root) else
                because("import.ola.hint_response", " (an update response only acknowledges a request)")
                if "update-response" in kind else ELMO_HINT if kind == "elmo" else plain(""))
        raise SubjectFileError(because("import.ola.no_agreement", "no learning agreement in this file: <{tag}> holds "
                                       "no <la>, <first-version> or <changes-proposal>{hint}", tag=kind, hint=hint),
                               path=name, line=lines.get(root))
    requests: list[tuple[str, ET.Element, dict]] = []
    for u in updates:
        u_root, u_lines = parse_xml(u, fragments=True)
        found = _updates(u_root)
        if not found:
            raise SubjectFileError(because("import.ola.not_request", "not an OLA update request: no "
                                           "<approve-proposal-v1> or <comment-proposal-v1>"),
                                   path=str(u), line=u_lines.get(u_root))
        requests += [(str(u), e, u_lines) for e in found]
    sha = input_sha256(path, SubjectFileError)
    out = []
    for number, la in enumerate(las, 1):
        reader = OlaReader(name, lines)
        try:
            out.append(_import(reader, la, requests, number if len(las) > 1 else None, sha))
        except ValidationError as e:
            raise SubjectFileError(cannot_import(e.errors()[0]), path=name, line=lines.get(la)) from None
    return out


def _import(reader: OlaReader, la: ET.Element, requests: list, number: int | None, sha: str) -> OlaImport:
    first = reader.version(reader.child(la, "first-version"))
    approved = reader.version(reader.child(la, "approved-changes"))
    proposal_elem = reader.child(la, "changes-proposal")
    proposal = reader.version(proposal_elem)
    proposal_id = proposal_elem.get("id") if proposal_elem is not None else None
    comment = None
    for source, request, request_lines in requests:
        target = reader.text(request, "changes-proposal-id")
        if proposal is None or target != proposal_id:
            reader.notes.append(because(
                "import.ola.other_proposal", "{file}: answers proposal {target}, which is not this learning agreement's "
                "open proposal ({open}); not applied", file=Path(source).name,
                target=target or because("import.ola.no_id", "(no id)"), open=proposal_id or because("import.ola.none", "none")))
            continue
        signature = OlaReader(source, request_lines).signature(reader.child(request, "signature"))  # errors name that file
        if _local(request) == "approve-proposal-v1":
            proposal.signatures = proposal.signatures.model_copy(update={"receiving": signature})
            reader.notes.append(because("import.ola.approved", "{file}: the receiving institution approved proposal {id}",
                                        file=Path(source).name, id=proposal_id))
            if first is None:
                first = proposal
            else:
                approved = proposal
            proposal = None
        else:
            comment = reader.text(request, "comment") or "(no comment text)"
            reader.notes.append(because("import.ola.not_accepted", "{file}: the receiving institution did not accept "
                                        "proposal {id}: {comment}", file=Path(source).name, id=proposal_id, comment=comment))
    if first is None and approved is not None:
        reader.notes.append(because("import.ola.changes_without_first", "the file has approved changes but no first "
                                    "version: the changes cannot be applied, so they are left out"))
        approved = None
    state = _state(first, approved, proposal, comment)
    if first is None and proposal is not None:
        first, proposal = proposal, None  # the proposed first version: its tables, with its missing signature
    agreement = _agreement(first, approved, proposal, proposal_id, comment)
    transfer = TransferFile(kind="mobility", id=reader.text(la, "omobility-id") or reader.case_id(number),
                            student=reader.student(la), home=reader.party(la, "sending-hei"),
                            host=reader.party(la, "receiving-hei"), period=reader.period(la),
                            learning_agreement=agreement)
    title = _title(state)  # worded in an audit's report in its language (OlaImport.skeleton words the imported file's)
    transfer = transfer.model_copy(update={"title": WordedText(f"reason.{title.key}", title.english, **dict(title.args))})
    return OlaImport(path=reader.path, transfer=transfer, state=state, notes=reader.notes, sha256=sha)


_PARTIES = {"student": because("import.ola.party.student", "student"),
            "sending": because("import.ola.party.sending", "sending"),
            "receiving": because("import.ola.party.receiving", "receiving")}


def _state(first: Version | None, approved: Version | None, proposal: Version | None, comment: str | None) -> Reason:
    """The agreement's state in words (one or more parts, read as 'a; b; c')."""
    if first is None:
        if proposal is None:
            return because("import.ola.none_agreed", "no learning agreement")
        if comment:
            return because("import.ola.first_refused", "first version proposed, not accepted by the receiving institution")
        return because("import.ola.first_proposed", "first version proposed, awaiting the receiving institution's approval")
    parts = [because("import.ola.first_signed", "first version signed by all three parties")
             if first.signatures.complete else
             because("import.ola.first_unsigned", "first version not signed by: {parties}",
                     parties=Listed(_PARTIES.get(p, p) for p in first.signatures.unsigned()))]
    if approved is not None:
        parts.append(because("import.ola.changes_approved", "changes approved") if approved.signatures.complete else
                     because("import.ola.changes_unsigned", "changes recorded as approved but not signed by all"))
    if proposal is not None:
        parts.append(because("import.ola.proposal_refused", "a change proposal was not accepted by the receiving "
                             "institution") if comment else
                     because("import.ola.proposal_open", "a change proposal awaits approval (not a signed change)"))
    return because("import.ola.state", "{parts}", parts=tuple(parts))


def _agreement(first: Version | None, approved: Version | None, proposal: Version | None,
               proposal_id: str | None, comment: str | None) -> LearningAgreement:
    if first is None:
        return LearningAgreement(signatures=Signatures())
    amendments = [approved.amendment()] if approved is not None else []
    pending: list[Amendment] = []
    if proposal is not None:
        pending = [proposal.amendment().model_copy(update={"id": proposal_id, "comment": comment})]
    return LearningAgreement(components_studied=first.studied, components_recognized=first.recognized,
                             virtual_components=first.virtual, signatures=first.signatures,
                             amendments=amendments, pending_changes=pending)


def load_ola_transfer(path: str | Path) -> tuple[TransferFile, str]:
    """An OLA file holding one learning agreement as a transfer file, and the file's SHA-256 (as load_transfer)."""
    results = read_ola(path)
    if len(results) > 1:
        raise SubjectFileError(because("import.ola.several", "holds {n} learning agreements: split it with `ects import "
                                       "ola -o FOLDER`", n=len(results)), path=str(path))
    return results[0].transfer, results[0].sha256


__all__ = ["OlaImport", "load_ola_transfer", "read_ola"]
