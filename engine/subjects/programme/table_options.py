"""How to read a programme from a course table (the options --sheet, --columns, --field, --encoding), apart
from the table reader itself (engine.subjects.programme.table_programme), which loads only when a table is
read: `ects check` of a programme file names these options but reads no spreadsheet.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

import yaml

from engine.errors import UsageError
from engine.semantics.reasons import because
from engine.subjects.yamlcore import scalar


@dataclass(frozen=True)
class TableOptions:
    """How to read a table: --sheet, --columns field=Header,..., --field name=value, --encoding.
    (Mappings are read-only: the options travel inside the loader's frozen LoadOptions.)"""

    sheet: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    fields: Mapping[str, object] = field(default_factory=dict)
    encoding: str | None = None

    def __hash__(self) -> int:
        return hash((self.sheet, tuple(self.columns.items()), repr(sorted(self.fields.items())), self.encoding))


def parse_pairs(values: tuple[str, ...] | list[str], option: str) -> dict[str, str]:
    """'a=b,c=d' (and repeated options) into {a: b, c: d}; a usage error names the option."""
    out: dict[str, str] = {}
    for value in values:
        for part in filter(None, (p.strip() for p in re.split(r",(?=[^,=]+=)", value))):
            if "=" not in part:
                raise UsageError(because("cli.pair_form", "{option} '{part}': expected name=value", option=option, part=part))
            name, text = part.split("=", 1)
            out[name.strip()] = text.strip()
    return out


def field_values(pairs: dict[str, str]) -> dict[str, object]:
    """--field values read as YAML scalars: years=1.5 is a number, integrated=true a yes/no."""
    out: dict[str, object] = {}
    for name, text in pairs.items():
        try:
            out[name] = scalar(text) if text else text
        except yaml.YAMLError:
            out[name] = text
    return out
