"""The Python API gives a batch the summary the command line gives it: `engine.api.render` of several reports
is the same bytes as `ects check` of the same files in every batch format (text, jsonl, Markdown, one HTML
page, JUnit; JSON, as on the command line, without one), and `write_batch` writes the same folder as
`ects check --format html -o FOLDER/` (the pages, index.html and index.json with the summary). One report
has no summary, as one file has none."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cli_helpers import PROGRAMMES, batch_folder, run

from engine.api import audit_files, render, write_batch
from engine.render.i18n import Labels

AS_OF = "2024-01-01"
ARGS = ["--rules", "ects_guide_2015", "--as-of", AS_OF, "-q"]


def _has_summary(out: str, fmt: str, lang: str = "en") -> bool:
    """The output holds a batch summary: jsonl's last line, the others' heading in the language."""
    return '{"batch_summary": ' in out if fmt == "jsonl" else Labels(lang)("batch.summary") in out


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Four example programmes and a file that cannot be read, last (jsonl names it in file order)."""
    return batch_folder(tmp_path_factory.mktemp("api_batch") / "progs", "z_broken.yaml")


def _batch(folder: Path, lang: str = "en"):
    files = sorted(str(p) for p in folder.iterdir())
    return audit_files("ects_guide_2015", files, "programme", as_of=dt.date.fromisoformat(AS_OF), lang=lang)


@pytest.mark.parametrize("lang", ["en", "el"])
@pytest.mark.parametrize("fmt", ["text", "jsonl", "md", "html", "junit", "json"])
def test_render_of_a_batch_is_the_command_lines_output(folder, fmt, lang):
    code, out, _ = run("check", folder, *ARGS, "--format", fmt, "--lang", lang, "-j", "1")
    batch = _batch(folder, lang)
    assert code == 2 and len(batch.reports) == 4 and len(batch.not_audited) == 1
    assert render(batch.reports, fmt, lang, batch.not_audited, show="problems") == out
    if fmt != "json":  # (the JSON shape has no summary: docs/batch.md)
        assert _has_summary(out, fmt, lang)
        assert not _has_summary(render(batch.reports, fmt, lang, batch.not_audited, show="problems", summary=False),
                                fmt, lang)


@pytest.mark.parametrize("fmt", ["text", "jsonl", "md", "html", "junit"])
def test_one_report_has_no_summary_as_one_file_has_none(fmt):
    path = PROGRAMMES / "faulty_bsc.yaml"
    _, out, _ = run("check", path, *ARGS, "--format", fmt)
    report = audit_files("ects_guide_2015", [path], "programme", as_of=dt.date.fromisoformat(AS_OF)).reports[0]
    assert render([report], fmt, show="problems") == out and not _has_summary(out, fmt)


@pytest.mark.parametrize("lang", ["en", "sr"])
def test_write_batch_writes_the_folder_the_command_line_writes(folder, tmp_path, lang):
    assert run("check", folder, *ARGS, "--format", "html", "--lang", lang, "-o", tmp_path / "cli")[0] == 2
    batch = _batch(folder, lang)
    written = write_batch(batch.reports, tmp_path / "api", lang, not_audited=batch.not_audited)
    cli = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "cli").iterdir()}
    api = {p.name: p.read_text(encoding="utf-8") for p in written}
    assert api == cli and len(api) == 4 + 2
    assert '"batch_summary"' in api["index.json"] and 'aria-labelledby="batch-summary"' in api["index.html"]
    date = {"en": "2024-01-01", "sr": "1. 1. 2024."}[lang]  # the page in the reader's language; index.json in ISO
    assert f"{date}</p>" in api["index.html"] and '"as_of": "2024-01-01"' in api["index.json"]
