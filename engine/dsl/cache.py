"""A cache of parsed rule files, so that a command started many times does not parse them again.

Entries are keyed by the file's path and text, the grammar and the engine's version, and kept in the
user's cache folder (`$XDG_CACHE_HOME/ects` or `~/.cache/ects`; `ECTS_CACHE_DIR` overrides it,
`ECTS_NO_CACHE=1` turns it off). A cache that cannot be read or written is simply not used.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from importlib import resources
from pathlib import Path
from typing import Callable

from . import ast

_VERSION = "1"


def _folder() -> Path | None:
    if os.environ.get("ECTS_NO_CACHE"):
        return None
    base = os.environ.get("ECTS_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "ects")
    return Path(base)


def _key(path: str, text: str) -> str:
    grammar = resources.files("engine.dsl").joinpath("grammar.lark").read_bytes()
    h = hashlib.sha256()
    for part in (_VERSION.encode(), grammar, path.encode("utf-8"), text.encode("utf-8")):
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()


def cached_parse(path: str, text: str, parse: Callable[[str, str], ast.RuleFile]) -> ast.RuleFile:
    """`parse(text, path)`, or its result from an earlier run."""
    folder = _folder()
    if folder is None:
        return parse(text, path)
    entry = folder / f"{_key(path, text)}.pickle"
    try:
        with open(entry, "rb") as fh:
            result = pickle.load(fh)
        if isinstance(result, ast.RuleFile) and result.text == text:
            return result
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    result = parse(text, path)  # errors propagate and are never cached
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except OSError:
        pass
    return result
