"""The documented limits on input (docs/limits.md), and reading an input file within them.

Every limit is far above any real curriculum, transfer or cohort; each exists so that a hostile or
broken file gets a clear one-line error in bounded time and memory instead of a crash or a hang.
The checks are made where the input is read (engine.subjects.load, engine.dsl.parser,
engine.subjects.xmlread, engine.subjects.cohort.csv_reader, engine.subjects.programme.table_grid,
engine.web.uploads), so the library raises the same errors as the command line.
"""
from __future__ import annotations

import contextlib
import decimal
import errno
import hashlib
import io
import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO, Iterator

from .errors import InputError
from .semantics.reasons import Count, Reason, because

MAX_FILE_BYTES = 10 * 1024 * 1024  # any one input file: 10 MiB (a large programme file is ~100 KiB)
MAX_DATA_DEPTH = 64  # nesting of mappings and lists in a YAML or JSON file (real files: under 8)
MAX_DATA_NODES = 500_000  # values in a YAML or JSON file once aliases are expanded ("billion laughs")
MAX_LIST_ITEMS = 10_000  # entries of one list: courses of a programme, components of a transfer...
MAX_TEXT_CHARS = 100_000  # characters of one text field (about 30 printed pages)
MAX_EXACT_WHOLE = 2 ** 53  # a whole number's size beyond which a float (the engine computes with floats) cannot hold it exactly
MAX_KEY_CHARS = 1024  # characters of one key as written, quotes included: the YAML reader's own limit for a key
MAX_YEARS = 20  # nominal duration of a programme in years (so at most 80 terms)
MAX_EXPR_DEPTH = 100  # nesting of a rule expression (not, -, and/or, parentheses, aggregates)
MAX_SCALE_GRADES = 10_000  # grades of a grading scale declared with 'from .. to .. step'
MAX_TABLE_ROWS = 20_000  # rows of one sheet or CSV course table (a large plan: a few hundred)
MAX_TABLE_COLUMNS = 200  # columns of one sheet or CSV course table (a plan with hours by kind: about 20)
MAX_UNPACKED_BYTES = 32 * 1024 * 1024  # a spreadsheet (.xlsx, .ods: a zip) unpacked (a large plan: under 1 MiB)
MAX_CACHE_BYTES = 64 * 1024 * 1024  # the parse cache in the user's cache folder; oldest entries go first
# A CSV grade cohort: a project choice, not a source's. Its reader takes one line at a time and keeps only the
# counts (one per group, academic year and grade; about 120 bytes each once read), never the text, so what
# bounds its memory is the number of counts, not the size of the file. 256 MiB holds some 6 million rows of
# 40 bytes (1,000,000 rows in 9,524 groups: 40 MB, read in 160 MB); 5 million counts take about 0.6 GB.
MAX_COHORT_CSV_BYTES = 256 * 1024 * 1024
MAX_COHORT_COUNTS = 5_000_000  # counts (rows) of one cohort file
MAX_COHORT_GROUPS = MAX_LIST_ITEMS  # groups of one cohort file, CSV as YAML or JSON
MAX_GROUP_COUNTS = MAX_LIST_ITEMS  # counts (academic year x grade) of one group: 10 years of a 1,000-grade scale

_NOT_THERE = (errno.ENOENT, errno.ENOTDIR, errno.EBADF)  # Path.exists()'s "no file" (its ELOOP is named as a loop)
_NO_WAIT = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)  # no effect on a regular file's reads

STDIN = "-"
STDIN_NAME = "<stdin>"

# every input file read in this process (engine.output never writes over one), as text: a Path would keep its
# parts, which pathlib interns, so the interpreter's table of interned strings would grow with every file
_files_read: set[str] = set()
_files_read_in_order: list[str] = []  # the same, in the order read (engine.output.OutputGuard reads the new ones)
_inputs_reading: list[str | None] = []  # the resolved paths of the inputs being read (`reading_an_input`)
_stdin_read: list[tuple[object, bytes]] = []  # (stream, its bytes): standard input, once read (not twice)


def files_read() -> frozenset[str]:
    """The resolved paths of every input file this process has read (rule files, programmes, ...)."""
    return frozenset(_files_read)


def files_read_since(start: int) -> list[str]:
    """The resolved paths of the input files read after the first `start` of them, in the order read."""
    return _files_read_in_order[start:]


@contextlib.contextmanager
def reading_an_input(path: str | Path) -> Iterator[None]:
    """While the block runs, the file `path` is read without being added to the files read: one of a batch's
    files, which the batch guards as one of its inputs already (so that the files read do not grow with the
    number of files audited; the rule files and other files read with a subject are still added)."""
    try:
        name = os.path.realpath(path)
    except (OSError, ValueError):
        name = None
    _inputs_reading.append(name)
    try:
        yield
    finally:
        _inputs_reading.pop()


def _remember_name(name: str) -> None:
    """Remember a resolved path as read (unless it is the input being read: `reading_an_input`)."""
    if name not in _files_read and name not in _inputs_reading:
        _files_read.add(name)
        _files_read_in_order.append(name)


def display_name(path: str | Path) -> str:
    """How an input is named in messages: '<stdin>' for '-', else the path as given (`readable_name`)."""
    return STDIN_NAME if str(path) == STDIN else readable_name(str(path))


def readable_name(name: str) -> str:
    """A file's name as text that any output can hold: a byte of the name that is not UTF-8 (which Python
    holds as a lone surrogate, and no UTF-8 file can) is shown as \\xNN, e.g. 'caf\\xe9.json'."""
    if name.isascii():
        return name
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


def over_limit(message: str | Reason, limit: int, unit: str = "") -> str | Reason:
    """The message of an exceeded limit, naming the limit and pointing at docs/limits.md; of a keyed message
    (without a unit, or in bytes or rows), a keyed message, worded in the reader's language."""
    if isinstance(message, Reason) and not unit:
        return because("limit.over", "{what} (the limit is {limit}; see docs/limits.md)", what=message,
                       limit=Count(limit))
    if isinstance(message, Reason) and unit == "bytes":
        return because("limit.over_bytes", "{what} (the limit is {limit} bytes; see docs/limits.md)", what=message,
                       limit=Count(limit))
    if isinstance(message, Reason) and unit == "rows":
        return because("limit.over_rows", "{what} (the limit is {limit} rows; see docs/limits.md)", what=message,
                       limit=Count(limit))
    return f"{message} (the limit is {limit:,}{' ' + unit if unit else ''}; see docs/limits.md)"


def too_large(limit: int) -> Reason:
    """The message of a file larger than `limit` bytes (a catalogue entry: worded in the reader's language)."""
    return because("limit.file_too_large", "the file is too large (the limit is {limit} bytes; see docs/limits.md)",
                   limit=Count(limit))


def not_found(kind: str) -> Reason:
    """'file not found' / 'rule file not found'."""
    if kind == "rule file":
        return because("input.rule_file_not_found", "rule file not found")
    return because("input.file_not_found", "file not found")


def unreadable(kind: str, e: BaseException) -> Reason:
    """'cannot read the file: Permission denied' (the system's reason stays as the system words it)."""
    why = str(getattr(e, "strerror", None) or e)
    if kind == "rule file":
        return because("input.rule_file_unreadable", "cannot read the rule file: {why}", why=why)
    return because("input.file_unreadable", "cannot read the file: {why}", why=why)


IS_A_FOLDER = because("input.is_a_folder", "is a folder, not a file")
LINK_LOOP = because("input.link_loop", "is a symbolic link that cannot be resolved (it loops)")
BROKEN_LINK = because("input.broken_link", "is a symbolic link to a file that is not there")
NOT_REGULAR = because("input.not_regular_file", "is not a regular file (a named pipe, a device or a socket)")
EMPTY = because("input.empty", "the file is empty")


def unreadable_folder(e: OSError) -> Reason:
    """'cannot read the folder: Permission denied': a folder among the inputs that cannot be listed."""
    return because("input.folder_unreadable", "cannot read the folder: {why}", why=str(e.strerror or e))


def folder_reason(p: Path) -> Reason:
    """Why the folder `p` is not read as an input file: it cannot be listed (its files could not be found), or
    it is a folder, not a file."""
    try:
        with os.scandir(p):
            pass
    except OSError as e:
        return unreadable_folder(e)
    return IS_A_FOLDER


def refuse_empty(data: bytes, error: type[InputError], path: str | Path) -> bytes:
    """`data`, unless it is nothing but white space (after a UTF-8 byte order mark): then `error` names the
    file as empty (not a parser's 'Expecting value' or 'no element found')."""
    if not data.removeprefix(b"\xef\xbb\xbf").strip(b" \t\r\n"):
        raise error(EMPTY, path=display_name(path))
    return data


def read_input_bytes(path: str | Path, error: type[InputError], kind: str = "file") -> bytes:
    """The bytes of an input file, or of standard input for '-'; at most MAX_FILE_BYTES.

    Raises `error` (an InputError class) for a missing file, a folder, a symbolic link that loops or leads
    nowhere, what is not a regular file (a named pipe: never waited on), an unreadable file or one too large.
    """
    name = display_name(path)
    if str(path) == STDIN:
        stream = sys.stdin.buffer
        if _stdin_read and _stdin_read[0][0] is stream:
            data = _stdin_read[0][1]
        else:
            data = stream.read(MAX_FILE_BYTES + 1)
            _stdin_read[:] = [(stream, data)]  # only the current stream's bytes are kept
    else:
        try:
            data = _read_file(Path(path), error, kind, name)
        except (OSError, ValueError) as e:  # a name too long, a NUL byte in it, a symlink loop...
            raise error(unreadable(kind, e), path=name) from None
    if len(data) > MAX_FILE_BYTES:
        raise error(too_large(MAX_FILE_BYTES), path=name)
    return data


def open_input(path: str | Path, error: type[InputError], limit: int, kind: str = "file") -> BinaryIO:
    """An input file opened for reading in pieces (not standard input), at most `limit` bytes as it is now.

    Raises `error` for a missing file, a folder, a symbolic link that loops or leads nowhere, what is not a
    regular file, one that cannot be opened or one too large."""
    name = display_name(path)
    try:
        fh = _open_regular(Path(path), error, kind, name)
    except (OSError, ValueError) as e:
        raise error(unreadable(kind, e), path=name) from None
    refused = error(too_large(limit), path=name)
    if os.fstat(fh.fileno()).st_size > limit:
        fh.close()
        raise refused
    return io.BufferedReader(_Bounded(fh, limit, refused))  # a file that grows while read: stopped at the limit


class _Bounded(io.RawIOBase):
    """A binary file that raises `too_large` once more than `limit` bytes have been read from it."""

    def __init__(self, raw: BinaryIO, limit: int, too_large: InputError):
        self._raw, self._left, self._too_large = raw, limit, too_large

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self._raw.readinto(buffer)
        self._left -= n or 0
        if self._left < 0:
            raise self._too_large
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


def input_sha256(path: str | Path, error: type[InputError], limit: int | None = None) -> str:
    """The SHA-256 of an input file of at most `limit` bytes (the limit docs/limits.md sets for its kind;
    MAX_FILE_BYTES by default), read in pieces; for '-', of what was read from standard input."""
    if str(path) == STDIN:
        return hashlib.sha256(read_input_bytes(path, error)).hexdigest()
    digest = hashlib.sha256()
    name = display_name(path)
    with open_input(path, error, MAX_FILE_BYTES if limit is None else limit) as fh:
        try:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
        except OSError as e:
            raise error(unreadable("file", e), path=name) from None
    return digest.hexdigest()


def _read_file(p: Path, error: type[InputError], kind: str, name: str) -> bytes:
    with _open_regular(p, error, kind, name) as fh:
        # the file's size bounds the buffer (read(MAX + 1) would set aside the whole limit for each file)
        size = os.fstat(fh.fileno()).st_size
        if size > MAX_FILE_BYTES:  # refused at once, before any of it is read
            raise error(too_large(MAX_FILE_BYTES), path=name)
        data = fh.read(size + 1)
        if len(data) > size:  # a file that grew since: the rest, up to one byte over the limit (the caller refuses)
            data += fh.read(MAX_FILE_BYTES + 1 - len(data))
        return data


def _open_regular(p: Path, error: type[InputError], kind: str, name: str) -> BinaryIO:
    """A regular file opened for reading; raises `error` for a file that is not there, a symbolic link that
    loops or leads nowhere, a folder, and anything else that is not a regular file (a named pipe would wait
    for a writer for ever, a device never ends): such a thing is looked at, never opened."""
    # the resolved name as Path.resolve() gives it, without its look for a symbolic link loop (made just below)
    _remember_name(os.path.realpath(p))
    try:
        st = os.stat(p)
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise error(LINK_LOOP, path=name) from None
        if e.errno in _NOT_THERE:  # as Path.exists() tells a file that is not there
            raise error(BROKEN_LINK if os.path.islink(p) else not_found(kind), path=name) from None
        raise
    if stat.S_ISDIR(st.st_mode):
        raise error(folder_reason(p), path=name)
    if not stat.S_ISREG(st.st_mode):
        raise error(NOT_REGULAR, path=name)
    # without waiting, should a named pipe have taken the file's place since the look above
    fh = os.fdopen(os.open(p, os.O_RDONLY | _NO_WAIT), "rb")
    if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
        fh.close()
        raise error(NOT_REGULAR, path=name)
    return fh


def too_large_whole(value: object) -> bool:
    """True for a whole number larger than MAX_EXACT_WHOLE in size, which a float cannot hold exactly: an int,
    a float, or a number as written in a cell or an element ('9007199254740993', '1e30')."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return abs(value) > MAX_EXACT_WHOLE
    try:
        number = decimal.Decimal(str(value).strip())
    except decimal.InvalidOperation:
        return False
    return number.is_finite() and abs(number) > MAX_EXACT_WHOLE and number == number.to_integral_value()
