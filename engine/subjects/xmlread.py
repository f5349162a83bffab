"""Safe XML reading into ElementTree, keeping line numbers, with one-line errors naming the file.

DOCTYPE and ENTITY declarations are refused (no entity expansion, no external fetches), because
defusedxml is not available. Parsing is done with expat feeding an ElementTree TreeBuilder, so the
result is an ordinary `xml.etree.ElementTree.Element` tree plus a map from element to line.
"""
from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET
from xml.parsers import expat

from engine.errors import SubjectFileError
from engine.semantics.reasons import Reason, because
from engine.limits import MAX_DATA_DEPTH, display_name, over_limit, read_input_bytes, refuse_empty

Lines = dict[ET.Element, int]


class _Refused(Exception):
    def __init__(self, message: Reason, line: int, column: int) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


def _qname(name: str) -> str:
    """expat's 'ns}local' (separator '}') to ElementTree's '{ns}local'."""
    return "{" + name if "}" in name else name


FRAGMENT = "fragment"  # the root element parse_xml(..., fragments=True) puts around several top-level elements
_JUNK_AFTER_ROOT = 9  # expat's XML_ERROR_JUNK_AFTER_DOC_ELEMENT


def parse_xml(path: str | Path, *, fragments: bool = False) -> tuple[ET.Element, Lines]:
    """Parse an XML file; return the root element and a map from each element to its 1-based line.

    With `fragments`, a file of several top-level elements (as the EWP example scenarios are) is read
    as if wrapped in one <fragment> element; line numbers stay those of the file.
    Raises SubjectFileError for a missing file, malformed XML, a DOCTYPE/ENTITY declaration, or a file
    beyond the limits of engine.limits (size, nesting).
    """
    name = display_name(path)
    raw = refuse_empty(read_input_bytes(path, SubjectFileError), SubjectFileError, path)  # '-': standard input
    if not fragments:
        return _parse(raw, name)
    try:
        return _parse(raw, name, junk_error=False)
    except _JunkAfterRoot:
        body = raw.split(b"?>", 1)[1] if raw.lstrip().startswith(b"<?xml") else raw
        return _parse(b"<" + FRAGMENT.encode() + b">" + body + b"</" + FRAGMENT.encode() + b">", name)


class _JunkAfterRoot(Exception):
    pass


def _parse(raw: bytes, name: str, junk_error: bool = True) -> tuple[ET.Element, Lines]:
    builder = ET.TreeBuilder()
    lines: Lines = {}
    parser = expat.ParserCreate(namespace_separator="}")

    def refuse(what: str):
        def handler(*_args) -> None:
            raise _Refused(because("input.xml_declaration", "{what} declarations are not accepted in XML input "
                                   "(possible entity expansion attack)", what=what),
                           parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        return handler

    depth = [0]

    def start(tag: str, attrs: dict[str, str]) -> None:
        depth[0] += 1
        if depth[0] > MAX_DATA_DEPTH:
            raise _Refused(over_limit(because("limit.xml_too_deep", "elements nested too deeply"), MAX_DATA_DEPTH),
                           parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        elem = builder.start(_qname(tag), {_qname(k): v for k, v in attrs.items()})
        lines[elem] = parser.CurrentLineNumber

    def end(tag: str) -> None:
        depth[0] -= 1
        builder.end(_qname(tag))

    parser.StartDoctypeDeclHandler = refuse("DOCTYPE")
    parser.EntityDeclHandler = refuse("ENTITY")
    parser.UnparsedEntityDeclHandler = refuse("ENTITY")
    parser.ExternalEntityRefHandler = refuse("external entity")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.buffer_text = True
    try:
        parser.Parse(raw, True)
    except _Refused as e:
        raise SubjectFileError(e.message, path=name, line=e.line, column=e.column) from None
    except expat.ExpatError as e:
        if e.code == _JUNK_AFTER_ROOT and not junk_error:
            raise _JunkAfterRoot() from None
        reason = expat.ErrorString(e.code) if e.code else str(e)
        raise SubjectFileError(because("input.bad_xml", "not well-formed XML: {why}", why=reason), path=name,
                               line=e.lineno, column=e.offset + 1) from None
    except (ValueError, LookupError) as e:  # e.g. an unknown encoding in the XML declaration
        raise SubjectFileError(because("input.xml_unreadable", "cannot read XML: {why}", why=str(e)), path=name) from None
    return builder.close(), lines


def split_tag(tag: str) -> tuple[str, str]:
    """'{ns}local' -> ('ns', 'local'); 'local' -> ('', 'local')."""
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag
