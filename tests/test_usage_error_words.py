"""Click's usage errors (an unknown option or command, a missing argument or option, a value not among the
choices or out of range, arguments not expected) in the language of the command line's `--lang`, worded from
the error's attributes; without `--lang`, or with `--lang en`, click's own English as it always was."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from engine.cli.main import main
from engine.cli.usage_words import usage_language

ROOT = Path(__file__).resolve().parent.parent
ELECTIVES = str(ROOT / "examples" / "programmes" / "electives_msc.yaml")


def _run(*args: str) -> tuple[int, list[str]]:
    r = CliRunner().invoke(main, list(args), prog_name="ects")
    assert "Traceback" not in r.output
    return r.exit_code, r.output.strip().splitlines()


def _worded(*args: str, at: int = 1) -> dict[str, str]:
    """The error line of a command line in Greek, Serbian and Serbian in Cyrillic, `--lang` given after its
    first `at` words (exit code 2, and where to read the command's help on the next line)."""
    out = {}
    for lang in ("el", "sr", "sr-Cyrl"):
        code, lines = _run(*args[:at], "--lang", lang, *args[at:])
        assert code == 2 and len(lines) == 2, lines
        out[lang] = lines[0]
    return out


def test_an_unknown_option_is_worded_with_the_options_meant():
    lines = _worded("check", ELECTIVES, "--rules", "ects_guide_2015", "--foo")
    assert lines["el"] == "σφάλμα: ects check: δεν υπάρχει επιλογή «--foo» (μήπως εννοείτε μία από τις: --choose, --format;)"
    assert lines["sr"] == "greška: ects check: ne postoji opcija «--foo» (da li ste mislili na jednu od ovih: --choose, " \
                          "--format?)"
    assert lines["sr-Cyrl"].startswith("грешка: ects check: не постоји опција «--foo»")
    code, out = _run("check", ELECTIVES, "--rules", "ects_guide_2015", "--foo", "--lang", "el")
    assert out[1] == "οδηγίες χρήσης (στα αγγλικά): ects check --help"
    assert _worded("check", ELECTIVES, "--rules", "ects_guide_2015", "--formt")["el"].endswith(
        "«--formt» (μήπως εννοείτε «--format»;)")


def test_a_missing_argument_or_option_is_worded():
    assert _worded("check")["el"] == "σφάλμα: ects check: δεν δόθηκε το όρισμα «PATHS»"
    assert _worded("check")["sr"] == "greška: ects check: nije naveden argument «PATHS»"
    lines = _worded("check", ELECTIVES)
    assert lines["el"] == "σφάλμα: ects check: δεν δόθηκε η υποχρεωτική επιλογή «--rules»"
    assert lines["sr-Cyrl"] == "грешка: ects check: није наведена обавезна опција «--rules»"


def test_a_value_not_among_the_choices_or_out_of_range_is_worded():
    lines = _worded("check", ELECTIVES, "--rules", "ects_guide_2015", "--format", "pdf")
    assert lines["el"] == "σφάλμα: ects check: «--format»: η τιμή «pdf» δεν είναι αποδεκτή· αποδεκτές τιμές: text, " \
                          "json, jsonl, md, html, junit"
    assert lines["sr"] == "greška: ects check: «--format»: vrednost „pdf“ nije dozvoljena; dozvoljene vrednosti: text, " \
                          "json, jsonl, md, html, junit"
    lines = _worded("check", ELECTIVES, "--rules", "ects_guide_2015", "-j", "0")
    assert lines["el"] == "σφάλμα: ects check: «--jobs»: η τιμή 0 είναι μικρότερη από 1"
    assert lines["sr"] == "greška: ects check: «--jobs»: vrednost 0 je manja od 1"
    lines = _worded("check", ELECTIVES, "--rules", "ects_guide_2015", "--jobs=many")
    assert lines["el"] == "σφάλμα: ects check: «--jobs»: η τιμή «many» δεν είναι ακέραιος αριθμός"
    assert lines["sr"] == "greška: ects check: «--jobs»: vrednost „many“ nije ceo broj"
    lines = _worded("schema", "timetable")
    assert lines["el"] == "σφάλμα: ects schema: «KIND»: η τιμή δεν είναι αποδεκτή· αποδεκτές τιμές: " \
                          "programme, transfer, cohort, report"  # schema takes --lang too


def test_an_option_without_its_value_a_flag_with_one_and_extra_arguments_are_worded():
    lines = _worded("check", ELECTIVES, "--rules")
    assert lines["el"].endswith(": η επιλογή «--rules» χρειάζεται τιμή")
    assert lines["sr"].endswith(": opcija «--rules» zahteva vrednost")
    lines = _worded("check", ELECTIVES, "--rules", "ects_guide_2015", "--strict=yes")
    assert lines["el"].endswith(": η επιλογή «--strict» δεν δέχεται τιμή")
    assert lines["sr"].endswith(": opcija «--strict» ne prima vrednost")
    lines = _worded("rules", "explain", "ects_guide_2015", "year_credits", "extra", at=2)
    assert lines["el"] == "σφάλμα: ects rules explain: περιττά ορίσματα: extra"
    assert lines["sr"] == "greška: ects rules explain: suvišni argumenti: extra"
    lines = _worded("chek", ELECTIVES)
    assert lines["el"] == "σφάλμα: ects: δεν υπάρχει εντολή «chek» (μήπως εννοείτε μία από τις: check, schema;)"
    assert lines["sr-Cyrl"] == "грешка: ects: не постоји команда «chek» (да ли сте мислили на једну од ових: check, " \
                               "schema?)"


def test_english_usage_errors_are_clicks_own():
    for args in (["check", ELECTIVES, "--rules", "ects_guide_2015", "--foo"], ["check"], ["chek"],
                 ["check", ELECTIVES, "--rules", "ects_guide_2015", "--format", "pdf"], ["check", ELECTIVES, "--rules"]):
        plain = CliRunner().invoke(main, args)
        english = CliRunner().invoke(main, args[:1] + ["--lang", "en"] + args[1:])
        assert plain.exit_code == english.exit_code == 2
        assert plain.output == english.output and "Error: " in plain.output and "σφάλμα" not in plain.output
    assert "Error: No such option" in CliRunner().invoke(main, ["check", "--foo"]).output


def test_the_language_is_read_from_the_command_line_before_click_parses_it():
    assert usage_language(["check", "x", "--lang", "el"]) == "el"
    assert usage_language(["check", "--lang=sr-Cyrl", "x"]) == "sr-Cyrl"
    assert usage_language(["check", "--lang", "el", "--lang", "sr"]) == "sr"
    assert usage_language(["check", "--lang", "xx"]) is None and usage_language(["check", "--lang"]) is None
    assert usage_language(["check", "--", "--lang", "el"]) is None
