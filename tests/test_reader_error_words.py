"""The one-line errors of the readers other than YAML and JSON (CSV cohorts, course tables, XML) and of their
limits, in the reader's language, with the file and line kept; in English, the line as it always was."""
from __future__ import annotations

from click.testing import CliRunner

from engine.cli.main import main


def _line(*args) -> str:
    r = CliRunner().invoke(main, [str(a) for a in args])
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    return r.output.strip().splitlines()[-1]


def _cohort(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return {lang: _line("grades", "table", path, "--lang", lang) for lang in ("en", "el", "sr", "sr-Cyrl")}, path


def test_a_csv_cohorts_unknown_column_is_worded_with_its_suggestion(tmp_path):
    lines, path = _cohort(tmp_path, "c.csv", "group,academic_year,grade,cuont\n")
    columns = "group, academic_year, grade, count, field, cycle, institution, title"
    assert lines["en"] == f"error: {path}:1: unknown column 'cuont' (did you mean 'count'?) (columns: {columns})"
    assert lines["el"] == f"σφάλμα: {path}:1: άγνωστη στήλη «cuont» (μήπως εννοείτε «count»;) (στήλες: {columns})"
    assert lines["sr-Cyrl"] == f"грешка: {path}:1: непозната колона «cuont» (да ли сте мислили на „count“?) " \
                               f"(колоне: {columns})"


def test_a_bad_count_and_a_grade_counted_twice_are_worded(tmp_path):
    lines, path = _cohort(tmp_path, "c.csv", "group,academic_year,grade,count\ng1,2022-23,8,x\n")
    assert lines["en"] == f"error: {path}:2: group 'g1': a count must be a whole number, not 'x'"
    assert lines["el"] == f"σφάλμα: {path}:2: ομάδα «g1»: το πλήθος πρέπει να είναι ακέραιος αριθμός, όχι 'x'"
    assert lines["sr"] == f"greška: {path}:2: grupa «g1»: broj mora biti ceo, a ne 'x'"
    lines, path = _cohort(tmp_path, "d.csv", "group,academic_year,grade,count\ng1,2022-23,8,3\ng1,2022-23,8,4\n")
    assert lines["en"] == f"error: {path}:3: group 'g1': grade 8 is counted twice for academic year 2022-23 " \
                          "(first on line 2)"
    assert lines["sr-Cyrl"] == f"грешка: {path}:3: група «g1»: оцена 8 је бројана двапут за школску годину " \
                               "2022-23 (први пут у реду 2)"
    lines, path = _cohort(tmp_path, "e.yaml", "groups:\n  - id: g1\n    counts:\n      2022-23: {8: -1}\n")
    assert lines["en"] == f"error: {path}:4: group 'g1': a count must not be negative, got -1"
    assert lines["el"] == f"σφάλμα: {path}:4: ομάδα «g1»: το πλήθος δεν μπορεί να είναι αρνητικό· δόθηκε -1"
