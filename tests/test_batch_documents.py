"""Batches written as one document (Markdown, JUnit, one HTML page), what-if (--set) and recorded (--store)
batches: streamed report by report in flat memory, the same bytes with --jobs 1 and --jobs 2, and the same
bytes as the reports rendered at once."""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from cli_helpers import run
from memory_helpers import assert_flat_memory

from engine.api import audit_files
from engine.cli.work import Job
from engine.history.recording import open_store
from engine.render.document import DocumentParts, index_mark, report_part
from engine.render.summary import BatchSummary
from engine.render.templated import render_templated
from pg_server import pg_server  # noqa: F401 - fixture

ROOT = Path(__file__).resolve().parent.parent
PROGRAMMES = ROOT / "examples" / "programmes"
AS_OF = "2024-01-01"
ARGS = ["--rules", "ects_guide_2015", "--as-of", AS_OF]
DOCUMENTS = ["md", "junit", "html"]

ONE_RULE = """ruleset one_rule
  title "A one-rule set for the memory tests of batches"
  jurisdiction "none"
  in force from 2000-01-01

source t "A made-up source for the test suite"
  confidence unverified

rule course_credits_positive
  title "Each course carries credits"
  severity error
  cite t "s. 1"
  for each course in programme.courses
  require course.credits > 0 credits
  message "{course.code} carries {course.credits}."
"""

SMALL_PROGRAMME = ('{{"id": "p{i}", "title": "Programme {i}", "cycle": "first", "years": 1, "terms_per_year": 2, '
                   '"courses": [{{"code": "A{i}", "title": "Course A", "term": 1, "credits": 30}}, '
                   '{{"code": "B{i}", "title": "Course B", "term": 2, "credits": {b}}}]}}')


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The example programmes and one file that cannot be read, in the middle."""
    out = tmp_path / "progs"
    out.mkdir()
    for i, p in enumerate(sorted(PROGRAMMES.glob("*.yaml"))[:6]):
        shutil.copy(p, out / f"p{i:02d}_{p.name}")
    (out / "p03_broken.yaml").write_text("id: x\nyears: [\n", encoding="utf-8")
    return out


def _small_programmes(folder: Path, n: int) -> list[str]:
    folder.mkdir()
    for i in range(n):
        (folder / f"p{i:05d}.json").write_text(SMALL_PROGRAMME.format(i=i, b=30 if i % 7 else 0), encoding="utf-8")
    return sorted(str(p) for p in folder.iterdir())


@pytest.mark.parametrize("fmt", DOCUMENTS)
def test_a_document_is_written_in_flat_memory(tmp_path, fmt):
    """The peak of memory traced while a batch of 200 programmes is written as one document exceeds the peak
    for 90 by less than 3 KB a file (measured: md 1.2 to 1.5 KB, junit 0.8 to 1.1 KB, html under 0.1 KB),
    each size run twice (memory_helpers.assert_flat_memory); a batch that kept each file's Report until the
    end needs 4 to 7 KB a file."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "one_rule.rules").write_text(ONE_RULE, encoding="utf-8")
    job = Job(str(rules), "programme", dt.date.fromisoformat(AS_OF), fmt=fmt)
    assert_flat_memory(job, _small_programmes, tmp_path)  # every seventh programme has a course without credits


@pytest.mark.parametrize("fmt", DOCUMENTS)
def test_a_document_is_the_same_bytes_with_jobs_and_as_rendered_at_once(folder, tmp_path, fmt):
    code1, out1, err1 = run("check", folder, *ARGS, "--format", fmt, "--jobs", "1")
    code2, out2, err2 = run("check", folder, *ARGS, "--format", fmt, "--jobs", "2")
    assert code1 == code2 == 2 and out1 == out2 and err1 == err2
    target = tmp_path / f"all.{fmt}"
    assert run("check", folder, *ARGS, "--format", fmt, "-j", "2", "-o", target)[0] == 2
    assert target.read_text(encoding="utf-8") == out1
    files = sorted(str(p) for p in folder.iterdir())
    batch = audit_files("ects_guide_2015", files, "programme", as_of=dt.date.fromisoformat(AS_OF))
    at_once = render_templated(batch.reports, fmt, "en", batch.not_audited,
                               BatchSummary.of(batch.reports, batch.not_audited))
    assert len(batch.reports) == 6 and len(batch.not_audited) == 1
    assert out1 == at_once and "Batch summary" in out1


@pytest.fixture(scope="module")
def three_reports():
    files = [PROGRAMMES / "compliant_bsc.yaml", PROGRAMMES / "faulty_bsc.yaml", ROOT / "tests/data/hostile_programme.yaml"]
    return audit_files("ects_guide_2015", files, "programme", as_of=dt.date.fromisoformat(AS_OF)).reports


@pytest.mark.parametrize("fmt", DOCUMENTS)
@pytest.mark.parametrize("lang", ["en", "el"])
@pytest.mark.parametrize("count", [0, 1, 3])
def test_a_document_put_together_from_parts_is_the_document_rendered_at_once(three_reports, fmt, lang, count):
    reports = three_reports[:count]
    unread = [("x <y> & `z`.yaml:1:2", "invalid YAML: <b>bad</b> & so on")]
    mark = index_mark()
    parts = DocumentParts(fmt, lang, mark)
    for r in reports:
        parts.add(report_part(r, fmt, lang, mark))
    summary = BatchSummary.of(reports, unread) if count > 1 else None  # a batch of several files has one
    pieces: list[str] = []
    parts.write(pieces.append, unread, summary)
    parts.close()
    assert "".join(pieces) == render_templated(reports, fmt, lang, unread, summary)


def test_one_html_page_numbers_its_reports_in_order(folder):
    _, page, _ = run("check", folder, *ARGS, "--format", "html", "-j", "2")
    ids = [line.split('id="')[1].split('"')[0] for line in page.splitlines() if line.startswith("<h1 id=")]
    assert ids == [f"r{i}-h" for i in range(1, 7)]
    assert "ectsindex" not in page


def test_a_document_of_a_batch_that_fails_to_start_is_not_written(folder, tmp_path):
    target = tmp_path / "out.md"
    code, _, err = run("check", folder, "--rules", "no_such_rules", "--format", "md", "-o", target)
    assert code == 2 and err.startswith("error:") and not target.exists()
    assert not list(tmp_path.glob(".out.md.*"))


@pytest.mark.parametrize("fmt", ["text", "jsonl", "md", "junit"])
def test_a_what_if_batch_is_streamed_and_the_same_with_jobs(folder, fmt):
    what_if = ["--set", "full_time_year_credits=62 credits"]
    code1, out1, _ = run("check", folder, *ARGS, *what_if, "--format", fmt, "-j", "1")
    code2, out2, _ = run("check", folder, *ARGS, *what_if, "--format", fmt, "-j", "2")
    _, plain, _ = run("check", folder, *ARGS, "--format", fmt, "-j", "1")
    assert code1 == code2 == 2 and out1 == out2
    assert out1 != plain and "62" in out1
    assert "full_time_year_credits" in out1


def test_a_bad_what_if_value_is_one_line_and_writes_nothing(folder, tmp_path):
    target = tmp_path / "out.jsonl"
    code, _, err = run("check", folder, *ARGS, "--set", "no_such_parameter=1", "--format", "jsonl", "-o", target)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "no_such_parameter" in err
    assert not target.exists()


def _untimed(report: str) -> str:
    """A report without the times of the audits it names."""
    return re.sub(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d\.\d+\+00:00)?( UTC)?", "(time)", report)


def _audits(location: str) -> list[tuple]:
    with open_store(location, create=False) as store:
        return [(a.id, a.subject_id, a.input_path, a.verdict, a.finding_count) for a in store.audits()]


@pytest.fixture(params=["sqlite", "postgresql"])
def two_stores(request, tmp_path):
    """Two empty stores of one kind."""
    if request.param == "sqlite":
        return [str(tmp_path / "audits1.db"), str(tmp_path / "audits2.db")]
    return [request.getfixturevalue("pg_server").new_database() for _ in range(2)]


@pytest.mark.parametrize("fmt", ["text", "json", "md", "html"])
def test_a_recorded_batch_is_the_same_with_jobs_and_recorded_in_file_order(folder, two_stores, fmt):
    """Two stores with the same earlier audits: --jobs 1 on one and --jobs 2 on the other give the same
    reports (each says what changed since its last audit) and record the same audits in the same order. The
    first programme is given again under another name (a file named twice is audited once), so its second
    report is compared with the audit made in the same batch."""
    files = sorted(str(p) for p in folder.iterdir())
    again = folder.parent / "again.yaml"
    shutil.copy(files[0], again)
    files = [*files, str(again)]
    outs, recorded = [], []
    for jobs, store in zip(("1", "2"), two_stores):
        assert run("check", folder, *ARGS, "--store", store, "--format", "jsonl", "-q")[0] == 2  # earlier audits
        code, out, _ = run("check", *files, *ARGS, "--store", store, "--format", fmt, "-j", jobs)
        assert code == 2
        outs.append(out)
        recorded.append(_audits(store))
    assert _untimed(outs[0]) == _untimed(outs[1])  # the duplicate's last audit was recorded at another moment
    assert recorded[0] == recorded[1] and len(recorded[0]) == 6 + 6 + 1
    assert [r[2] for r in recorded[0][6:]] == [f for f in files if "broken" not in f]
    first_id = recorded[0][6][0]
    marker = f'"audit_id": {first_id},' if fmt == "json" else f"(audit {first_id}, "
    assert outs[0].count(marker) == 1


def test_a_recorded_transfer_batch_streams_with_jobs(tmp_path):
    transfers = sorted((ROOT / "examples" / "transfers").glob("*.yaml"))
    outs = []
    for jobs in ("1", "2"):
        db = str(tmp_path / f"t{jobs}.db")
        code, out, _ = run("transfer", *transfers, "--rules", "greek_law_4009", "--as-of", AS_OF, "--store", db,
                           "--format", "junit", "-j", jobs)
        outs.append(out)
        assert len(_audits(db)) == len(transfers)
    assert outs[0] == outs[1] and outs[0].count("<testsuite name=\"transfer ") == len(transfers)
