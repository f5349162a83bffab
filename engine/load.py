"""Reading YAML/JSON subject files into pydantic models, with errors that name file, line and field."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import SubjectFileError

M = TypeVar("M", bound=BaseModel)
Locator = dict[tuple, int]  # path of keys/indices -> 1-based line


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when available
    """SafeLoader that keeps dates as ISO strings (pydantic parses them) and records lines."""


# Keep YAML 1.1 timestamps as strings so pydantic sees one format whether the file is YAML or JSON.
_LineLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}


MAX_YAML_VALUES = 1_000_000  # project choice: far above any subject file, far below what exhausts memory


def _check_aliases(root: yaml.Node) -> None:
    """Refuse a document whose aliases refer to themselves, or expand past MAX_YAML_VALUES values (an alias
    bomb: a few lines that become billions of values)."""
    sizes: dict[int, int] = {}
    ancestors: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        children = [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else \
            node.value if isinstance(node, yaml.SequenceNode) else []
        if closing:
            ancestors.discard(id(node))
            sizes[id(node)] = 1 + sum(sizes[id(c)] for c in children)
            if sizes[id(node)] > MAX_YAML_VALUES:
                raise SubjectFileError(f"YAML aliases expand to more than {MAX_YAML_VALUES} values",
                                       line=node.start_mark.line + 1)
        elif id(node) in ancestors:
            raise SubjectFileError("a YAML alias refers to the value that contains it", line=node.start_mark.line + 1)
        elif id(node) not in sizes:
            ancestors.add(id(node))
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)


def _walk(node: yaml.Node, loader: _LineLoader, path: tuple, lines: Locator) -> Any:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        own = sum(1 for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge")
        loader.flatten_mapping(node)  # YAML merge keys (<<: *base); merged pairs come first
        merged = len(node.value) - own
        out: dict[Any, Any] = {}
        from_merge: set = set()
        for i, (key_node, value_node) in enumerate(node.value):
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, (list, dict)):
                raise SubjectFileError("a mapping key must be a plain value", line=key_node.start_mark.line + 1)
            if i < merged:
                from_merge.add(key)
            elif key in from_merge:
                from_merge.discard(key)  # an explicit key overrides a merged one
            elif key in out:
                raise SubjectFileError(f"key '{key}' appears twice", line=key_node.start_mark.line + 1)
            lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _walk(value_node, loader, path + (key,), lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_walk(child, loader, path + (i,), lines) for i, child in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def read_document(path: str | Path) -> tuple[Any, Locator, bytes]:
    """Parse a YAML or JSON file; return the data, a map from key paths to lines, and the raw bytes.

    JSON is read with the YAML parser too (JSON is YAML), so both get line numbers.
    """
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise SubjectFileError("file not found", path=name)
    if p.is_dir():
        raise SubjectFileError("is a folder, not a file", path=name)
    raw = p.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise SubjectFileError(f"not UTF-8 text ({e.reason} at byte {e.start})", path=name) from None
    if p.suffix.lower() == ".json":
        try:
            json.loads(text)
        except json.JSONDecodeError as e:
            raise SubjectFileError(f"invalid JSON: {e.msg}", path=name, line=e.lineno, column=e.colno) from None
        except RecursionError:
            raise SubjectFileError("the data is nested too deeply", path=name) from None
    loader = _LineLoader(text)
    lines: Locator = {}
    try:
        node = loader.get_single_node()
        if node is None:
            raise SubjectFileError("the file is empty", path=name)
        _check_aliases(node)
        data = _walk(node, loader, (), lines)
    except SubjectFileError as e:
        e.path = name
        raise SubjectFileError(e.message, path=name, line=e.line) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        raise SubjectFileError(f"invalid YAML: {e.problem or e.context}", path=name, line=line, column=col) from None
    except yaml.YAMLError as e:
        raise SubjectFileError(f"invalid YAML: {e}", path=name) from None
    except RecursionError:
        raise SubjectFileError("the data is nested too deeply", path=name) from None
    finally:
        loader.dispose()
    return data, lines, raw


def line_of(lines: Locator, loc: tuple) -> int | None:
    """The line of the deepest known prefix of a key path."""
    loc = tuple(loc)
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get(())


def _field_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def validate(model: type[M], data: Any, lines: Locator, path: str, what: str) -> M:
    """Validate `data` against `model`; the first error names file:line and the field."""
    if not isinstance(data, dict):
        raise SubjectFileError(f"a {what} file must hold a mapping of fields at the top level", path=path, line=1)
    try:
        return model.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        # pydantic adds union/tag names to the location; keep only real keys and indices.
        loc = tuple(p for p in err["loc"] if isinstance(p, int) or _is_data_key(data, err["loc"], p))
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        if msg.startswith("@") and ": " in msg:
            # a model validator names the field it is about: "@courses.3.term: message"
            where, msg = msg[1:].split(": ", 1)
            loc = tuple(loc) + tuple(int(p) if p.isdigit() else p for p in where.split("."))
        msg += _hint(err)
        more = f" (and {e.error_count() - 1} more problem(s))" if e.error_count() > 1 else ""
        raise SubjectFileError(
            f"{what} field '{_field_path(loc)}': {msg}{more}", path=path, line=line_of(lines, loc)
        ) from None


def _numeric(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def _hint(err: dict) -> str:
    """A word of advice for the common type slips of hand-written YAML."""
    value = err.get("input")
    if err["type"] == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return f' (put it in quotes: "{value}")'
    if err["type"] in ("float_type", "int_type") and isinstance(value, str) and _numeric(value):
        return " (a number is expected; if it is in quotes, remove them)"
    if err["type"] == "extra_forbidden":
        return " (a misspelt field name?)"
    return ""


def _is_data_key(data: Any, full_loc: tuple, part: Any) -> bool:
    """True if `part` is a real key somewhere along `full_loc` in `data` (not a pydantic tag)."""
    node = data
    for p in full_loc:
        if isinstance(node, dict) and p in node:
            if p == part:
                return True
            node = node[p]
        elif isinstance(node, list) and isinstance(p, int) and 0 <= p < len(node):
            node = node[p]
        elif p == part:
            # a missing required field: keep its name
            return isinstance(node, dict)
    return False


def load_model(model: type[M], path: str | Path, what: str) -> tuple[M, str]:
    """Read and validate a subject file; return the model and the file's SHA-256."""
    data, lines, raw = read_document(path)
    obj = validate(model, data, lines, str(path), what)
    return obj, hashlib.sha256(raw).hexdigest()
