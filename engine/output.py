"""Writing results: atomically (temporary file, then rename), never over an input file."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

from .errors import UsageError


def guard_inputs(target: str | Path, inputs: Iterable[str | Path]) -> None:
    """Refuse to write over one of the command's input files."""
    t = Path(target).resolve()
    for p in inputs:
        try:
            if Path(p).resolve() == t:
                raise UsageError("refusing to write the report over an input file", path=str(target))
        except OSError:
            continue


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomic(target: str | Path, text: str | bytes) -> None:
    """Write `text` to `target` so that readers see the old file or the whole new one, never half."""
    t = Path(target)
    if t.is_dir() or str(target).endswith(("/", "\\")):
        raise UsageError("is a folder; give a file name for the output", path=str(target))
    parent = t.parent if str(t.parent) else Path(".")
    if parent.exists() and not parent.is_dir():
        raise UsageError("is a file, not a folder to write into", path=str(parent))
    if not parent.is_dir():
        raise UsageError("the output folder does not exist", path=str(parent))
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{t.name}.", suffix=".tmp", dir=parent)
    except OSError as e:
        raise UsageError(f"cannot write the output here: {e.strerror}", path=str(target)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # as an ordinary new file would be (mkstemp makes it private)
        os.replace(tmp, t)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
