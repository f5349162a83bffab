"""Reading YAML/JSON subject files into pydantic models, with errors that name file, line and field."""
from __future__ import annotations

import hashlib
import math
import re
import sys
from pathlib import Path
from typing import Any, Callable, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from engine.errors import SubjectFileError, you_meant
from engine.semantics.reasons import Count, Reason, because, plain
from engine.subjects.jsondirect import validated_json
from engine.subjects.jsonread import THE_YAML_WAY, LinesOnDemand, invalid_json, read_json, refuse_long_keys
from engine.subjects.misspelt import first_problem
from engine.subjects.problems import FieldProblem, field_problem, subject_kind
from engine.subjects.wrong_kind import clearly_other_kind, wrong_kind
from engine.subjects.yamlcore import INT_TEXT, YAML_1_1_BOOL_WORDS, CoreLoader, leading_zero, whole_number
from engine.limits import (
    EMPTY,
    MAX_DATA_DEPTH,
    MAX_DATA_NODES,
    MAX_LIST_ITEMS,
    MAX_TEXT_CHARS,
    STDIN,
    display_name,
    over_limit,
    read_input_bytes,
    refuse_empty,
)

M = TypeVar("M", bound=BaseModel)
XML_SUFFIXES = (".xml",)
Locator = dict[tuple, int]  # path of keys/indices -> 1-based line


class _LineLoader(CoreLoader):
    """The YAML 1.2 core-schema loader (dates kept as text: pydantic parses them), walked to record lines."""


_TOO_DEEP = over_limit(because("limit.too_deep", "lists and mappings nested too deeply"), MAX_DATA_DEPTH)
_TOO_MANY = over_limit(because("limit.too_many_values", "more values than accepted once aliases are expanded"),
                       MAX_DATA_NODES)


class _Walker:
    """Turns a composed YAML node graph into plain data within the limits of engine.limits.

    Aliases are expanded as they are met, so the count of values and the depth are those of the data
    the models see (a "billion laughs" file stops at MAX_DATA_NODES).
    """

    def __init__(self, loader: _LineLoader, lines: Locator):
        self.loader = loader
        self.lines = lines
        self.nodes = 0

    def _check(self, node: yaml.Node, depth: int) -> None:
        line = node.start_mark.line + 1
        self.nodes += 1
        if self.nodes > MAX_DATA_NODES:
            raise SubjectFileError(_TOO_MANY, line=line)
        if depth > MAX_DATA_DEPTH:
            raise SubjectFileError(_TOO_DEEP, line=line)
        if isinstance(node.value, list) and len(node.value) > MAX_LIST_ITEMS:
            raise SubjectFileError(over_limit(because("limit.long_list", "a list or mapping of {n} entries",
                                                      n=Count(len(node.value))), MAX_LIST_ITEMS), line=line)
        if isinstance(node, yaml.ScalarNode) and len(node.value) > MAX_TEXT_CHARS:
            raise SubjectFileError(over_limit(because("limit.long_text", "a text of {n} characters",
                                                      n=Count(len(node.value))), MAX_TEXT_CHARS), line=line)

    def walk(self, node: yaml.Node, path: tuple = (), depth: int = 0) -> Any:
        self._check(node, depth)
        loader, lines = self.loader, self.lines
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            own = sum(1 for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge")
            loader.flatten_mapping(node)  # YAML merge keys (<<: *base); merged pairs come first
            merged = len(node.value) - own
            out: dict[Any, Any] = {}
            from_merge: set = set()
            for i, (key_node, value_node) in enumerate(node.value):
                if not isinstance(key_node, yaml.ScalarNode):
                    raise SubjectFileError(because("input.key_not_plain", "a mapping key must be a plain value"),
                                           line=key_node.start_mark.line + 1)
                self._check(key_node, depth + 1)
                key = self._scalar(key_node)
                if i < merged:
                    from_merge.add(key)
                elif key in from_merge:
                    from_merge.discard(key)  # an explicit key overrides a merged one
                elif key in out:
                    raise SubjectFileError(because("input.key_twice", "key '{name}' appears twice", name=str(key)),
                                           line=key_node.start_mark.line + 1)
                lines[path + (key,)] = key_node.start_mark.line + 1
                out[key] = self.walk(value_node, path + (key,), depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(child, path + (i,), depth + 1) for i, child in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError) as e:  # e.g. an integer of more than 4,300 digits
            digits = sys.get_int_max_str_digits()
            if digits and sum(ch.isdigit() for ch in str(node.value)) > digits and node.tag.endswith(":int"):
                why = because("input.long_integer", "a number with more than {n} digits", n=Count(digits))
            else:
                why = because("input.unreadable_value", "cannot read the value: {why}", why=str(e))
            raise SubjectFileError(why, line=node.start_mark.line + 1) from None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _check_expanded_size(root: yaml.Node) -> None:
    """Refuse a node graph whose aliases would expand to more than MAX_DATA_NODES values, or that holds
    itself, before expanding anything (each shared node is sized once)."""
    size: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if children_done:
            open_nodes.discard(id(node))
            size[id(node)] = 1 + sum(size[id(c)] for c in _children(node))
            if size[id(node)] > MAX_DATA_NODES:
                raise SubjectFileError(_TOO_MANY, line=node.start_mark.line + 1)
            continue
        if id(node) in size:
            continue
        open_nodes.add(id(node))
        stack.append((node, True))
        for child in _children(node):
            if id(child) in open_nodes:
                raise SubjectFileError(because("input.alias_loop", "an alias refers to the list or mapping that "
                                               "holds it"), line=child.start_mark.line + 1)
            if id(child) not in size:
                stack.append((child, False))


def _check_depth(text: str) -> bool:
    """Refuse text nested deeper than MAX_DATA_DEPTH before the (recursive) composer sees it; True when
    the text uses aliases (without them, the walker's count of values is the expanded size)."""
    depth = 0
    aliases = False
    for event in yaml.parse(text, Loader=_LineLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DATA_DEPTH:
                raise SubjectFileError(_TOO_DEEP, line=event.start_mark.line + 1, column=event.start_mark.column + 1)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases = True
    return aliases


def read_document(path: str | Path, raw: bytes | None = None) -> tuple[Any, Locator, bytes]:
    """Parse a YAML or JSON file ('-': standard input); return the data, a map from key paths to lines,
    and the raw bytes. JSON is parsed by `json.loads`, and its line map is built (by the YAML parser:
    JSON is YAML) only when something asks for a line; a JSON file that comes near a limit, repeats a
    key or holds a value JSON and YAML read differently is read the YAML way, which says where.
    The limits of engine.limits are enforced here; any problem raises SubjectFileError.
    `raw`: the file's bytes, when they were read already.
    """
    name = display_name(path)
    if raw is None:
        raw = read_input_bytes(path, SubjectFileError)
    raw = refuse_empty(raw, SubjectFileError, path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise SubjectFileError(because("input.not_utf8", "not UTF-8 text ({why} at byte {at})", why=e.reason,
                                       at=e.start), path=name) from None
    if Path(path).suffix.lower() == ".json":  # a JSON file read the YAML way still says "invalid JSON"
        data = read_json(text, name)
        if data is not THE_YAML_WAY:
            return data, LinesOnDemand(lambda: _read_json_lines(text, name)[1]), raw
        return (*_read_json_lines(text, name), raw)
    return (*_read_yaml(text, name), raw)


def _read_json_lines(text: str, name: str) -> tuple[Any, Locator]:
    """A JSON text read by the line-keeping reader: its data and map of lines. A key longer than that reader
    takes is named as such (engine.subjects.jsonread.refuse_long_keys), not as a syntax error."""
    refuse_long_keys(text, name)
    return _read_yaml(text, name, invalid_json)


def invalid_yaml(problem: object) -> Reason:
    """'invalid YAML: <the parser's words>' (the parser's English is quoted as it is)."""
    return because("input.invalid_yaml", "invalid YAML: {problem}", problem=str(problem))


def _read_yaml(text: str, name: str, invalid: Callable[[object], Reason] = invalid_yaml) -> tuple[Any, Locator]:
    """The data of a YAML (or JSON) text and its map of lines, within the limits of engine.limits; `invalid`
    words a syntax error (invalid_json for a JSON file)."""
    loader = _LineLoader(text)
    lines: Locator = {}
    try:
        aliases = _check_depth(text)
        node = loader.get_single_node()
        if node is None:
            raise SubjectFileError(EMPTY, path=name)  # nothing but comments
        if aliases:
            _check_expanded_size(node)
        data = _Walker(loader, lines).walk(node)
    except SubjectFileError as e:
        raise SubjectFileError(e.reason or e.message, path=name, line=e.line, column=e.column) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        raise SubjectFileError(invalid(e.problem or e.context), path=name, line=line, column=col) from None
    except yaml.reader.ReaderError as e:  # a character YAML does not allow: its place, not the reader's two lines
        line, col = _line_and_column(text, e.position)
        problem = f"unacceptable character #x{e.character:04x}: {e.reason}" if isinstance(e.character, int) else e.reason
        raise SubjectFileError(invalid(problem), path=name, line=line, column=col) from None
    except yaml.YAMLError as e:
        raise SubjectFileError(invalid(e), path=name) from None
    finally:
        loader.dispose()
    return data, lines


def _line_and_column(text: str, position: int) -> tuple[int, int]:
    """The line and column (from 1) of a character's position in `text`."""
    start = text.rfind("\n", 0, position) + 1
    return text.count("\n", 0, position) + 1, position - start + 1


def line_of(lines: Locator, loc: tuple) -> int | None:
    """The line of the deepest known prefix of a key path."""
    loc = tuple(loc)
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get(())


def _field_path(loc: tuple) -> str | Reason:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or because("input.top_level", "(top level)")


def validate(model: type[M], data: Any, lines: Locator, path: str, what: str) -> M:
    """Validate `data` against `model`; the first error names file:line and the field (a keyed message,
    worded in the reader's language: engine.subjects.problems)."""
    if not isinstance(data, dict):
        raise SubjectFileError(because("input.not_a_mapping", "a {what} file must hold a mapping of fields at the "
                                       "top level", what=subject_kind(what)), path=path, line=1)
    try:
        return model.model_validate(data)
    except ValidationError as e:
        other = clearly_other_kind(data, what)  # a cohort given to `ects check`: say so, not what it lacks
        if other is not None:
            raise SubjectFileError(wrong_kind(*other, what), path=path, line=line_of(lines, (other[1],))) from None
        first = first_problem(model, e.errors(), data)  # a misspelt key before the missing field it causes
        err, loc = first.error, first.loc
        problem = field_problem(err)
        raised = (err.get("ctx") or {}).get("error")
        if isinstance(raised, FieldProblem):  # a model validator names the field it is about: courses.3.term
            loc = tuple(loc) + tuple(int(p) if p.isdigit() else p for p in raised.where.split("."))
        raise SubjectFileError(
            because("input.field", "{what} field '{field}': {problem}{hint}{more}", what=subject_kind(what),
                    field=_field_path(loc), problem=problem, hint=_hint(err, first.meant),
                    more=more_problems(first.problems - 1)),
            path=path, line=line_of(lines, loc)) from None


def more_problems(n: int) -> Reason:
    """' (and 2 more problems)' ('' for none), in the plural form the count takes in the reader's language."""
    if n < 1:
        return plain("")
    return because("input.more_problems", " (and {n} more problem)" if n == 1 else " (and {n} more problems)", n=n)


_ODD_DIGITS = re.compile(r"[-+]?[0-9][0-9_:]*(?:\.[0-9_]*)?")


def _spelt_number(text: str) -> str | None:
    """How text spells a number: "plain" (`6`, `7.5`), "spelt" (exponent notation such as `1e5`, or a
    non-finite constant such as `NaN`, `Infinity`, which JSON and YAML files are read to hold as text, as
    YAML 1.1 reads them), "odd" (a leading zero, `_` or `:` among the digits: `010`, `1_0`, `1:30`, which
    YAML 1.1 reads as other numbers and engine.subjects.yamlcore reads as text), or None (no number)."""
    if _ODD_DIGITS.fullmatch(text) and (leading_zero(text) or "_" in text or ":" in text):
        return "odd"
    if INT_TEXT.match(text) and (len(text) > 4_300 or whole_number(text) is None):  # (Python reads 4,300 digits)
        return "large"
    try:
        number = float(text)
    except ValueError:
        return None
    return "spelt" if not math.isfinite(number) or "e" in text.lower() else "plain"


def _hint(err: dict, meant: str | None) -> Reason:
    """A word of advice for the common slips of hand-written YAML; `meant`: the field a misspelt key was
    meant to be (engine.subjects.misspelt)."""
    value = err.get("input")
    if err["type"] == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return because("input.hint.quote", ' (put it in quotes: "{value}")', value=str(value))
    spelt = _spelt_number(value) if err["type"] in ("float_type", "int_type") and isinstance(value, str) else None
    if spelt == "spelt":
        return because("input.hint.spelt", " (write the number out in full: exponent notation such as 1e5, NaN and "
                       "Infinity are not read as numbers)")
    if spelt == "large":
        return because("input.hint.too_large", " (a whole number larger than 9,007,199,254,740,992 (2^53) cannot be "
                       "held exactly and is not read as a number)")
    if err["type"] == "bool_type" and isinstance(value, str) and value.lower() in YAML_1_1_BOOL_WORDS:
        return because("input.hint.true_false", " (write true or false: yes, no, on and off are read as text)")
    if spelt == "odd":
        return because("input.hint.odd_digits", " (write the number with digits only and no leading zero: 010, "
                       "1_0 and 1:30 are not read as numbers)")
    if spelt == "plain":
        return because("input.hint.unquote", " (a number is expected; if it is in quotes, remove them)")
    if err["type"] == "extra_forbidden":
        if meant is not None:
            return you_meant(meant)
        return because("input.hint.misspelt", " (a misspelt field name?)")
    return plain("")


def load_model(model: type[M], path: str | Path, what: str, json_direct: bool = False) -> tuple[M, str]:
    """Read and validate a subject file; return the model and the file's SHA-256. `json_direct`: a JSON
    file is first parsed and validated in one pass (engine.subjects.jsondirect), for a model whose
    validators keep every key and text they are given and whose defaults hold no key; a file that pass
    does not vouch for is read the usual way, which words any error."""
    raw = None
    if json_direct and (path if isinstance(path, Path) else Path(path)).suffix.lower() == ".json":
        raw = read_input_bytes(path, SubjectFileError)
        obj = validated_json(model, raw)
        if obj is not None:
            return obj, hashlib.sha256(raw).hexdigest()
    data, lines, raw = read_document(path, raw)
    obj = validate(model, data, lines, display_name(path), what)
    return obj, hashlib.sha256(raw).hexdigest()


def is_xml(path: Path) -> bool:
    """An .xml file, or standard input starting with '<' (an Online Learning Agreement piped in)."""
    if str(path) == STDIN:
        return read_input_bytes(path, SubjectFileError).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
    return path.suffix.lower() in XML_SUFFIXES
