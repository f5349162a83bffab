"""File names for reports in a folder (`-o FOLDER/`), made from subject ids.

A name keeps the id's letters and digits in any script (str.isalnum, after NFC normalisation), `.`, `_`
and `-`; every other run of characters (with the dots beside it: `/../`) becomes one `_`. So a name holds no path separator, starts with no
dot or dash and holds no `..`; it is at most MAX_BASE_BYTES bytes of UTF-8 before its `-2` and suffix (a
file system allows 255 per name); a Windows device name (CON, NUL, COM1...) gets a `_`. Names are compared
case-folded, so two ids that differ only in case, or in how their accents are encoded, get `-2`, `-3`.
"""
from __future__ import annotations

import re
import unicodedata

MAX_BASE_CHARS = 80
MAX_BASE_BYTES = 200
FALLBACK = "report"
_UNSAFE = re.compile(r"(?:\.*[^\w.-]\.*)+")  # \w: what str.isalnum holds, and '_'; with the dots beside them
_DOTS = re.compile(r"\.{2,}")
_WINDOWS_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                              *(f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789¹²³")})


def name_key(name: str) -> str:
    """The form two file names are compared in: NFC, case-folded (file systems that ignore case or accents)."""
    return unicodedata.normalize("NFC", name).casefold()


def name_base(subject_id: str) -> str:
    """The part of a file name an id gives: 'ΠΜΣ-Πληροφορική' stays, '../evil/<x>' becomes 'evil_x'."""
    base = _UNSAFE.sub("_", unicodedata.normalize("NFC", subject_id))
    base = _DOTS.sub(".", base).strip("._-")[:MAX_BASE_CHARS]
    while len(base.encode("utf-8")) > MAX_BASE_BYTES:
        base = base[:-1]
    base = base.rstrip("._-") or FALLBACK
    stem, dot, rest = base.partition(".")
    return f"{stem}_{dot}{rest}" if stem.upper() in _WINDOWS_DEVICES else base


def safe_name(subject_id: str, taken: set[str]) -> str:
    """A unique '.html' file name for a subject id (see the module's words); `taken` holds the name_key of
    the names given so far and receives this one's."""
    base = name_base(subject_id)
    name, n = f"{base}.html", 1
    while name_key(name) in taken or name_key(name) == "index.html":
        n += 1
        name = f"{base}-{n}.html"
    taken.add(name_key(name))
    return name
