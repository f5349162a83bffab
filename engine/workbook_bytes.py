"""An openpyxl workbook as bytes that are the same on every run (the --matrix workbook, the suggested
grades table, the programme template).

openpyxl stamps a workbook with the time it is saved: the document properties' created and modified dates
(docProps/core.xml; `save` sets `modified` to now whatever was set before) and each zip entry's date. Two
runs of one batch (or one batch run with --jobs or --dask) must give the same bytes, so these times are
fixed here. The date is a project choice: 2000-01-01 00:00 UTC, derived from nothing (not the clock, not
the audit's --as-of date, which the suggested grades table and the template do not have).
"""
from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import Any

FIXED_TIME = datetime(2000, 1, 1)
"""Project choice: the created and modified dates written into every workbook, and its zip entries' date."""

OUTPUT_MARK = "ects output: not an input"
"""The keywords of a workbook ects writes as an output (the --matrix workbook), so that a later run that reads
the folder it is in knows it for one (engine.cli.own_outputs); the workbooks meant to be filled in and read
(the programme template, the suggested grades table) do not carry it."""
_CORE = "docProps/core.xml"
_MARK_XML = f"<cp:keywords>{OUTPUT_MARK}</cp:keywords>".encode()

_ENTRY_MODE = 0o600 << 16
"""The permissions openpyxl's zip entries carry (rw-------), written explicitly so they never vary."""


def workbook_bytes(book: Any, output: bool = False) -> bytes:
    """Save an openpyxl Workbook and return its bytes, with its dates fixed to FIXED_TIME; `output`: marked as
    an output of ects (OUTPUT_MARK in its document properties), not an input."""
    from openpyxl.xml.functions import tostring  # noqa: PLC0415 - openpyxl loads only when a workbook is written

    if output:
        book.properties.keywords = OUTPUT_MARK
    book.properties.created = FIXED_TIME
    saved = io.BytesIO()
    book.save(saved)
    book.properties.modified = FIXED_TIME  # openpyxl's save set it to the time of saving
    core = tostring(book.properties.to_tree())
    fixed = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = core if entry.filename == _CORE else source.read(entry)
            stamped = zipfile.ZipInfo(entry.filename, date_time=FIXED_TIME.timetuple()[:6])
            stamped.compress_type = zipfile.ZIP_DEFLATED
            stamped.external_attr = _ENTRY_MODE
            target.writestr(stamped, data)
    return fixed.getvalue()


def is_marked_output(path: Any) -> bool:
    """Whether the workbook at `path` carries OUTPUT_MARK (False for a zip without document properties);
    zipfile.BadZipFile or OSError when it is no zip or cannot be read. Reads the small core.xml entry only."""
    with zipfile.ZipFile(path) as book:
        try:
            info = book.getinfo(_CORE)
        except KeyError:
            return False
        if info.file_size > 1 << 20:  # document properties are a few hundred bytes
            return False
        return _MARK_XML in book.read(info)


__all__ = ["FIXED_TIME", "OUTPUT_MARK", "is_marked_output", "workbook_bytes"]
