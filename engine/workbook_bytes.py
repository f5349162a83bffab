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

_ENTRY_MODE = 0o600 << 16
"""The permissions openpyxl's zip entries carry (rw-------), written explicitly so they never vary."""


def workbook_bytes(book: Any) -> bytes:
    """Save an openpyxl Workbook and return its bytes, with its dates fixed to FIXED_TIME."""
    from openpyxl.xml.functions import tostring  # noqa: PLC0415 - openpyxl loads only when a workbook is written

    book.properties.created = FIXED_TIME
    saved = io.BytesIO()
    book.save(saved)
    book.properties.modified = FIXED_TIME  # openpyxl's save set it to the time of saving
    core = tostring(book.properties.to_tree())
    fixed = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = core if entry.filename == "docProps/core.xml" else source.read(entry)
            stamped = zipfile.ZipInfo(entry.filename, date_time=FIXED_TIME.timetuple()[:6])
            stamped.compress_type = zipfile.ZIP_DEFLATED
            stamped.external_attr = _ENTRY_MODE
            target.writestr(stamped, data)
    return fixed.getvalue()


__all__ = ["FIXED_TIME", "workbook_bytes"]
