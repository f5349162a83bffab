"""Writing results: atomically (temporary file, then rename), never over an input file."""
from __future__ import annotations

import bisect
import contextlib
import heapq
import os
import stat
import tempfile
from array import array
from pathlib import Path
from typing import Iterable, Iterator

from engine.errors import UsageError
from engine.limits import files_read, files_read_since
from engine.semantics.reasons import Reason, because, plain

STDOUT_NAME = "<stdout>"  # how standard output is named in an error about writing it


def cannot_write(e: OSError) -> Reason:
    """'cannot write the output: No space left on device' (the system's reason as the system words it)."""
    return because("output.write_failed", "cannot write the output: {why}", why=str(e.strerror or e))


@contextlib.contextmanager
def naming_the_output(target: str | Path | None) -> Iterator[None]:
    """A system error while the output is written (a full disk, a quota, an I/O error) becomes a one-line
    error naming the output (`target`; None for standard output); a reader that went away stays a broken pipe."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as e:
        raise UsageError(cannot_write(e), path=str(target) if target is not None else STDOUT_NAME) from None


OVER_INPUT = because("output.over_input", "refusing to write the report over an input file")
OVER_READ = because("output.over_read", "refusing to write the report over a file this command reads")


def guard_inputs(target: str | Path, inputs: Iterable[str | Path]) -> None:
    """Refuse to write over one of the command's input files, or over any file this process has read
    (a rule file of the rule set in use, a transcript...), also under another name (a hard or symbolic
    link), and over anything but a regular file. (One target: the inputs are compared one by one, none
    kept; OutputGuard keeps them resolved, for many targets.)"""
    _refuse_special(target)
    aim = _identity(target)
    if any(_same(aim, _identity(p)) for p in inputs):
        raise UsageError(OVER_INPUT, path=str(target))
    if any(_same(aim, _identity(p)) for p in files_read()):
        raise UsageError(OVER_READ, path=str(target))


def _identity(path: str | Path) -> tuple[str | None, tuple[int, int] | None]:
    """A file's resolved path and its device and inode (None where they cannot be had: a file not there yet
    has no inode); two names of one file share one or the other (a symbolic or a hard link)."""
    try:
        where = os.path.realpath(path)
    except (OSError, ValueError):
        return None, None
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return where, None
    return where, (found.st_dev, found.st_ino)


def _same(a: tuple, b: tuple) -> bool:
    return (a[0] is not None and a[0] == b[0]) or (a[1] is not None and a[1] == b[1])


class OutputGuard:
    """What a command must not write over, each file resolved once: a batch that writes one report per
    subject checks every target against thousands of inputs (guard_inputs says what is refused)."""

    def __init__(self, inputs: Iterable[str | Path] = ()):
        self._inputs = _Files()
        self._read = _Files()
        self._read_seen = 0  # how many of engine.limits' files read are in self._read
        self.add(inputs)

    def add(self, inputs: Iterable[str | Path]) -> None:
        """More input files, guarded from now on."""
        self._inputs.add(inputs)

    def check(self, target: str | Path, also: Iterable[str | Path] = ()) -> None:
        """Refuse `target` (UsageError) as guard_inputs does; `also`: more inputs, from now on guarded too."""
        _refuse_special(target)
        self._inputs.add(also)
        new = files_read_since(self._read_seen)
        self._read_seen += len(new)
        self._read.add(new)
        aim = _identity(target)
        if self._inputs.holds(aim):
            raise UsageError(OVER_INPUT, path=str(target))
        if self._read.holds(aim):
            raise UsageError(OVER_READ, path=str(target))


class _Files:
    """Files by their resolved path and by their device and inode (_identity), each worked out once, kept as
    a 64-bit number each in a sorted array (a batch guards tens of thousands of inputs: sets of texts and
    tuples would take some 300 bytes a file). A number that matches is confirmed by going through the files
    again, so that two files whose numbers meet by chance are never taken for one."""

    def __init__(self):
        self._sources: list[Iterable[str | Path]] = []  # what was added, gone through again to confirm a match
        self._keys = array("Q")  # the files' identities (resolved path; device and inode) as numbers, sorted
        self._recent: set[int] = set()  # the same, added since they were last merged into the array
        self._given: set[str] = set()  # the first names added, not resolved again (a transfer's grade table...)

    def add(self, paths: Iterable[str | Path]) -> None:
        if isinstance(paths, Iterator):  # (gone through twice: once now, again to confirm a match)
            paths = tuple(paths)
        new = False
        for p in paths:
            name = os.fspath(p)
            if name in self._given:
                continue
            if len(self._given) < _NAMES_REMEMBERED:
                self._given.add(name)
            for key in map(_number, _identity_keys(_identity(p))):
                if not self._has(key):
                    self._recent.add(key)
                    new = True
            if len(self._recent) >= _RECENT:
                self._merge()
        if new:
            self._sources.append(paths)

    def holds(self, aim: tuple) -> bool:
        """True when the file of identity `aim` (_identity) is one of these, under this name or another."""
        if not any(self._has(_number(k)) for k in _identity_keys(aim)):
            return False
        return any(_same(aim, _identity(p)) for source in self._sources for p in source)

    def _has(self, key: int) -> bool:
        if key in self._recent:
            return True
        i = bisect.bisect_left(self._keys, key)
        return i < len(self._keys) and self._keys[i] == key

    def _merge(self) -> None:
        self._keys = array("Q", heapq.merge(self._keys, sorted(self._recent)))
        self._recent.clear()


_NAMES_REMEMBERED = 256  # names added that are not resolved again when added again
_RECENT = 1024  # numbers kept in a set before they are merged into the sorted array


def _identity_keys(identity: tuple) -> list[tuple]:
    """What a file's identity is compared by: its resolved path, and its device and inode (where known)."""
    where, ids = identity
    return [key for key, known in ((("path", where), where is not None), (("ids", ids), ids is not None)) if known]


def _number(value) -> int:
    """A number for a value (its hash, within this process), as an unsigned 64-bit integer."""
    return hash(value) & 0xFFFF_FFFF_FFFF_FFFF


def _refuse_special(target: str | Path) -> None:
    """An existing output path must be a regular file: a symbolic link, FIFO or device is refused."""
    try:
        mode = os.lstat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return  # a new file
    except OSError as e:
        raise UsageError(because("output.cannot_use", "cannot use this output path: {why}", why=plain(str(e.strerror))),
                         path=str(target)) from None
    if stat.S_ISLNK(mode):
        raise UsageError(because("output.symlink", "is a symbolic link; give the path of a regular file for the "
                                 "output"), path=str(target))
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise UsageError(because("output.special", "is not a regular file (a FIFO, socket or device); give a file "
                                 "name for the output"),
                         path=str(target))


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomic(target: str | Path, text: str | bytes | Iterable[str]) -> None:
    """Write `text` to `target` so that readers see the old file or the whole new one, never half; `text` may
    also be pieces of text, each written as it is made."""
    _refuse_special(target)
    t = Path(target)
    if t.is_dir() or str(target).endswith(("/", "\\")):
        raise UsageError(because("output.is_folder", "is a folder; give a file name for the output"), path=str(target))
    parent = t.parent if str(t.parent) else Path(".")
    if parent.exists() and not parent.is_dir():
        raise UsageError(because("output.parent_is_file", "is a file, not a folder to write into"), path=str(parent))
    if not parent.is_dir():
        raise UsageError(because("output.no_folder", "the output folder does not exist"), path=str(parent))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{t.name}.", suffix=".tmp", dir=parent)
    except OSError as e:
        raise UsageError(because("output.cannot_write", "cannot write the output here: {why}", why=plain(str(e.strerror))),
                         path=str(target)) from None
    try:
        with naming_the_output(target):
            with os.fdopen(fd, "wb") as fh:
                if isinstance(text, (str, bytes)):
                    fh.write(text.encode("utf-8") if isinstance(text, str) else text)
                else:
                    for piece in text:
                        fh.write(piece.encode("utf-8"))
            os.chmod(tmp, 0o666 & ~_umask())  # as an ordinary new file would be (mkstemp makes it private)
            os.replace(tmp, t)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
