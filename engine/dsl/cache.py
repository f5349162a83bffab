"""A cache of parsed rule files, so that a command started many times does not parse them again.

Entries are keyed by the file's path and text, the engine's version and the engine's own parser
source (grammar, parser, transformer, syntax tree, limits), so a new engine or a changed parser never
reads an old entry.
They are kept in the user's cache folder (`$XDG_CACHE_HOME/ects` or `~/.cache/ects`;
`ECTS_CACHE_DIR` overrides it, `ECTS_NO_CACHE=1` turns it off). The folder is kept under
MAX_CACHE_BYTES (engine.limits): after each write the entries used least recently are deleted
until it fits.
A cache that cannot be read or written is simply not used. See docs/limits.md.
The compiled code of a rule set's generated fast path is kept the same way (`cached_compile`), and so are
the report catalogues (`cached_data`).
"""
from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from types import CodeType
from typing import Callable

from ..limits import MAX_CACHE_BYTES
from . import ast

_FORMAT = "2"  # the layout of an entry
# the engine's own code that shapes an entry (paths inside the engine package)
_SOURCES = ("dsl/grammar.lark", "dsl/parser.py", "dsl/grammar_parser.py", "dsl/transform.py", "dsl/ast.py",
            "dsl/depth.py", "dsl/cache.py", "limits.py")
_SUFFIX = ".pickle"


def _folder() -> Path | None:
    if os.environ.get("ECTS_NO_CACHE"):
        return None
    base = os.environ.get("ECTS_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "ects")
    return Path(base)


@lru_cache(maxsize=1)
def _engine_key() -> bytes:
    """A digest of the engine's version and of the parser's own source files."""
    h = hashlib.sha256(_FORMAT.encode())
    try:
        h.update(metadata.version("ects").encode())
    except metadata.PackageNotFoundError:
        h.update(b"source checkout")
    package = resources.files("engine")
    for name in _SOURCES:
        h.update(hashlib.sha256(package.joinpath(*name.split("/")).read_bytes()).digest())
    return h.digest()


def _key(path: str, text: str) -> str:
    h = hashlib.sha256(_engine_key())
    for part in (path.encode("utf-8", "surrogatepass"), text.encode("utf-8", "surrogatepass")):
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()


_UNREADABLE = (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError, IndexError,
               KeyError, RecursionError, MemoryError, UnicodeDecodeError)


def _read(entry: Path) -> object:
    """An entry's content, or None when it is missing or cannot be read."""
    try:
        with open(entry, "rb") as fh:
            return pickle.load(fh)
    except _UNREADABLE:
        return None


def cached_parse(path: str, text: str, parse: Callable[[str, str], ast.RuleFile]) -> ast.RuleFile:
    """`parse(text, path)`, or its result from an earlier run."""
    folder = _folder()
    if folder is None:
        return parse(text, path)
    entry = folder / f"{_key(path, text)}{_SUFFIX}"
    result = _read(entry)
    if isinstance(result, ast.RuleFile) and result.text == text:
        _touch(entry)
        return result
    result = parse(text, path)  # errors propagate and are never cached
    _store(folder, entry, result)
    return result


def cached_compile(source: str, filename: str) -> CodeType:
    """`compile(source, filename, "exec")`, or its code object from an earlier run (the generated source
    of a rule set's fast path, engine.evaluation.fastpath), keyed by the source, the engine and Python."""
    folder = _folder()
    if folder is None:
        return compile(source, filename, "exec")
    h = hashlib.sha256(_engine_key())
    for part in (sys.version, filename, source):
        h.update(hashlib.sha256(part.encode("utf-8", "surrogatepass")).digest())
    entry = folder / f"{h.hexdigest()}{_SUFFIX}"
    stored = _read(entry)
    if isinstance(stored, tuple) and len(stored) == 3 and stored[0] == "code" and stored[1] == source:
        try:
            code = marshal.loads(stored[2])
            _touch(entry)
            return code
        except (EOFError, ValueError, TypeError):
            pass
    code = compile(source, filename, "exec")
    _store(folder, entry, ("code", source, marshal.dumps(code)))
    return code


def cached_data(kind: str, text: str, load: Callable[[str], dict]) -> dict:
    """`load(text)`, or its result from an earlier run: data files the engine reads at every start (the
    report catalogues, engine.render.i18n), keyed by `kind` (what reads the text, and its version), the
    text and the engine. The result must be plain data (a dict of dicts, lists, texts, numbers)."""
    folder = _folder()
    if folder is None:
        return load(text)
    h = hashlib.sha256(_engine_key())
    for part in ("data", kind, text):
        h.update(hashlib.sha256(part.encode("utf-8", "surrogatepass")).digest())
    entry = folder / f"{h.hexdigest()}{_SUFFIX}"
    stored = _read(entry)
    if isinstance(stored, tuple) and len(stored) == 3 and stored[:2] == ("data", text) and isinstance(stored[2], dict):
        _touch(entry)
        return stored[2]
    result = load(text)  # errors propagate and are never cached
    _store(folder, entry, ("data", text, result))
    return result


def _touch(entry: Path) -> None:
    """Mark an entry as used now, so that pruning removes the entries used least recently."""
    try:
        os.utime(entry)
    except OSError:
        pass


def _store(folder: Path, entry: Path, result: object) -> None:
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
        tmp = None
        prune(folder)
    except (OSError, pickle.PickleError, RecursionError):
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def prune(folder: Path, limit: int = MAX_CACHE_BYTES) -> None:
    """Delete the oldest entries of the cache folder until the rest take at most `limit` bytes."""
    entries = []
    for p in folder.glob(f"*{_SUFFIX}"):
        try:
            st = p.stat()
        except OSError:
            continue
        entries.append((st.st_mtime, st.st_size, p))
    total = sum(size for _, size, _ in entries)
    for _, size, p in sorted(entries):
        if total <= limit:
            break
        try:
            p.unlink()
            total -= size
        except OSError:
            continue
