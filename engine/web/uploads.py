"""Uploaded files: their bytes and a display name, never a path.

A zip is opened in memory and bounded (member count, uncompressed bytes, read while decompressing). The
engine's loaders read files, so `staged` writes the uploads into a private temporary folder (mode 0700, in
shared memory where the system has it) under names of its own making (`1.yaml`, `2.csv`...), and removes it on
leaving, whatever happens (a worker process stopped midway removes its folders first: `remove_staged`); errors
and reports are given back the display names.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator, Sequence

from ..errors import InputError, SubjectFileError, UsageError
from ..semantics.reasons import Reason, Shown, because, plain
from engine.evaluation.findings import Report
from engine.subjects.kinds import DATA_SUFFIXES
from engine.subjects.programme.table_grid import TABLE_SUFFIXES

XML_SUFFIXES = (".xml",)  # an ELMO transcript (with a transfer file) or an Online Learning Agreement
SUBJECT_SUFFIXES = tuple(dict.fromkeys(DATA_SUFFIXES + TABLE_SUFFIXES + XML_SUFFIXES))
_LISTED = ", ".join(f"*{s}" for s in SUBJECT_SUFFIXES)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SHM = Path("/dev/shm")
_LIVE: set[Path] = set()  # the folders `staged` has made in this process and not yet removed


@dataclass(frozen=True)
class Upload:
    """One uploaded file: the name to show (its base name, tidied) and its content."""

    name: str
    data: bytes

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix.lower()


def display_name(raw: str | None, fallback: str = "upload") -> str:
    """The base name of an uploaded file's name, without control characters, at most 120 characters."""
    base = PurePosixPath((raw or "").replace("\\", "/")).name
    base = _CONTROL.sub("", base).strip()[:120]
    return base or fallback


def expand_zip(upload: Upload, max_members: int, max_bytes: int) -> list[Upload]:
    """The subject files inside a zip (folders and other files skipped, nested zips refused), bounded."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(upload.data))
    except (zipfile.BadZipFile, ValueError) as e:
        raise SubjectFileError(because("web.zip.unreadable", "not a readable zip file ({why})", why=plain(str(e))),
                               path=upload.name) from None
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > max_members:
            raise UsageError(because("web.zip.too_many", "the zip holds {count} files; at most {most} are read",
                                     count=str(len(members)), most=str(max_members)), path=upload.name)
        out: list[Upload] = []
        total = 0
        for m in members:
            name = display_name(m.filename)
            suffix = PurePosixPath(name).suffix.lower()
            if suffix == ".zip":
                raise UsageError(because("web.zip.nested", "a zip inside a zip ({name}) is not read", name=name),
                                 path=upload.name)
            if suffix not in SUBJECT_SUFFIXES or name.startswith("."):
                continue
            if total + m.file_size > max_bytes:  # as its header claims; then counted as it is unpacked
                raise UsageError(_too_big(max_bytes), path=upload.name)
            data = _read_member(archive, m, max_bytes - total, upload.name, max_bytes)
            total += len(data)
            out.append(Upload(f"{upload.name}/{name}", data))
        if not out:
            raise UsageError(because("web.zip.no_subjects", "the zip holds no subject files ({suffixes})", suffixes=_LISTED),
                             path=upload.name)
        return out


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limit: int, zip_name: str, bound: int) -> bytes:
    """A member's bytes, read in chunks and stopped past `limit` (what is left of the zip's `bound`) whatever
    its header claims."""
    buf = bytearray()
    try:
        with archive.open(member) as fh:
            while chunk := fh.read(1 << 16):
                buf += chunk
                if len(buf) > limit:
                    raise UsageError(_too_big(bound), path=zip_name)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, OSError) as e:
        raise SubjectFileError(because("web.zip.cannot_unpack", "cannot unpack {name} ({why})",
                                       name=display_name(member.filename), why=plain(str(e))), path=zip_name) from None
    return bytes(buf)


def subject_uploads(uploads: Sequence[Upload], max_members: int, max_bytes: int) -> list[Upload]:
    """Subject files from the uploads: zips expanded, every other file kept if its suffix is one the
    loaders read; UsageError for any other."""
    out: list[Upload] = []
    for u in uploads:
        if u.suffix == ".zip":
            out += expand_zip(u, max_members, max_bytes)
        elif u.suffix in SUBJECT_SUFFIXES:
            out.append(u)
        else:
            raise UsageError(because("web.upload_suffix", "cannot read a '{suffix}' file here; upload {suffixes} files "
                                     "or a *.zip of them", suffix=u.suffix or "suffix-less", suffixes=_LISTED),
                             path=u.name)
    if not out:
        raise UsageError(because("web.no_upload", "no file uploaded; choose one or more files"))
    return out


@dataclass
class Staged:
    """Uploads written under private names; `names` maps each private path to its display name."""

    folder: Path
    names: dict[str, str]

    def paths(self) -> list[Path]:
        return [Path(p) for p in self.names]

    def restore(self, text: str) -> str:
        """Text with every private path replaced by its display name."""
        for path, name in sorted(self.names.items(), key=lambda kv: -len(kv[0])):
            text = text.replace(path, name)
        return text.replace(str(self.folder), "<upload>")

    def rename_error(self, e: InputError) -> InputError:
        """The same error, naming the uploaded file instead of the private path."""
        e.path = self.restore(e.path) if e.path else e.path
        restored = self.restore(e.message)
        if restored != e.message:  # a private path in the sentence: its catalogue arguments would still name it
            e.message, e.reason = restored, None
        e.detail = self.restore(e.detail) if e.detail else e.detail
        for inner in getattr(e, "errors", None) or []:
            if inner is not e:
                self.rename_error(inner)
        return e

    def rename_report(self, report: Report) -> Report:
        """The report naming the upload: its input path, and its subject id where the loader took the file name
        for it (a cohort file)."""
        if report.input_path:
            report.input_path = self.restore(report.input_path)
        own_names = {Path(p).name: PurePosixPath(name).name for p, name in self.names.items()}
        report.subject_id = own_names.get(report.subject_id, report.subject_id)
        return report


@contextmanager
def staged(uploads: Sequence[Upload]) -> Iterator[Staged]:
    """Write the uploads into a new private folder for the loaders; the folder is removed on leaving."""
    base = str(_SHM) if _SHM.is_dir() and os.access(_SHM, os.W_OK) else None
    folder = Path(tempfile.mkdtemp(prefix="ects-serve-", dir=base))
    _LIVE.add(folder)
    try:
        names: dict[str, str] = {}
        for i, u in enumerate(uploads, 1):
            suffix = u.suffix if u.suffix in SUBJECT_SUFFIXES else ".bin"
            path = folder / f"{i}{suffix}"
            path.write_bytes(u.data)
            names[str(path)] = u.name
        yield Staged(folder, names)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        _LIVE.discard(folder)


def remove_staged() -> None:
    """Remove every folder of uploads this process has staged and not yet removed (a worker being stopped)."""
    for folder in list(_LIVE):
        shutil.rmtree(folder, ignore_errors=True)
        _LIVE.discard(folder)


def _too_big(limit: int) -> Reason:
    return because("web.zip.too_big", "the zip unpacks to more than {mb} MB", mb=Shown(limit / (1024 * 1024)))
