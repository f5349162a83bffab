"""The batch summary in every format of a batch: text, jsonl, Markdown, the one-page HTML report and JUnit XML
give the same counts (files given, audited, not readable; verdicts; for each rule the subjects in which it
failed or was undecided), equal to the counts recomputed from the JSON reports of the same files; the same
bytes with --jobs 1 and --jobs 2; a single file has no summary; JUnit validates against the schema CI servers
read (tests/data/junit/junit.xsd) and counts its failures and errors, the files not readable among them; in
Greek and Serbian, no English word (the checker of tests/test_report_words.py)."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema

from cli_helpers import BATCH_EXAMPLES as EXAMPLES, PROGRAMMES, batch_folder, run
from test_report_words import _data_words, english_words

from engine.evaluation.findings import STATUSES, VERDICTS

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--rules", "ects_guide_2015", "--as-of", "2024-01-01", "-q"]
JUNIT_SCHEMA = ROOT / "tests" / "data" / "junit" / "junit.xsd"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Four example programmes and, among them, one file that cannot be read."""
    return batch_folder(tmp_path_factory.mktemp("batch") / "progs", "m_broken.yaml")


@pytest.fixture(scope="module")
def expected(folder) -> dict:
    """The summary recomputed from the JSON reports: each rule counted once per subject, with its worst status."""
    code, out, _ = run("check", folder, *ARGS, "--format", "json", "--show", "all")
    assert code == 2
    reports = json.loads(out)
    worst = {s: i for i, s in enumerate(STATUSES)}
    rules: dict[str, dict[str, int]] = {}
    for r in reports:
        status: dict[str, str] = {}
        for f in r["findings"]:
            if f["rule"] not in status or worst[f["status"]] < worst[status[f["rule"]]]:
                status[f["rule"]] = f["status"]
        for rule, s in status.items():
            rules.setdefault(rule, {"fail": 0, "indeterminate": 0})
            if s in ("fail", "indeterminate"):
                rules[rule][s] += 1
    findings = [f for r in reports for f in r["findings"]]
    unread = len(reports[0]["not_audited"])
    return {
        "counts": (len(reports) + unread, len(reports), unread),
        "verdicts": tuple(sum(r["verdict"] == v for r in reports) for v in VERDICTS),
        "rules": {rule: (c["fail"], c["indeterminate"]) for rule, c in rules.items() if any(c.values())},
        "junit": {"tests": len(findings) + unread, "failures": sum(f["status"] == "fail" for f in findings),
                  "errors": unread + sum(f["status"] == "indeterminate" and f["severity"] == "error" for f in findings)},
    }


def _text(out: str) -> dict:
    tail = out[out.rindex("\nBatch summary: "):]
    return {"counts": tuple(map(int, re.findall(r"(\d+) (?:files given|audited|not readable)", tail))),
            "verdicts": tuple(int(n) for n in re.findall(r": (\d+)", tail.splitlines()[2])),
            "rules": {m[1]: (int(m[2]), int(m[3])) for m in re.finditer(r"^ {4}(\w+) +(\d+) (?:failed|warnings?), (\d+) undecided(?:, \d+ waived)?$",
                                                                       tail, re.M)}}


def _markdown(out: str) -> dict:
    tail = out[out.rindex("\n## Batch summary\n"):]
    lines = tail.splitlines()
    return {"counts": tuple(map(int, re.findall(r"(\d+) (?:files given|audited|not readable)", lines[3]))),
            "verdicts": tuple(int(n) for n in re.findall(r": (\d+)", lines[5])),
            "rules": {m[1]: (int(m[2]) + int(m[3]), int(m[4])) for m in re.finditer(  # failures and warnings
                r"^\| `(\w+)` \| (\d+) \| (\d+) \| (\d+) \| \d+ \|$", tail, re.M)}}


def _html(out: str) -> dict:
    assert out.index('<section aria-labelledby="batch-summary">') < out.index("<article"), "the summary comes first"
    return _html_section(out)


def _html_section(out: str) -> dict:
    start = out.index('<section aria-labelledby="batch-summary">')
    section = out[start:out.index("</section>", start)]
    paragraphs = re.findall(r"<p>(.*?)</p>", section)
    return {"counts": tuple(map(int, re.findall(r"(\d+) (?:files given|audited|not readable)", paragraphs[0]))),
            "verdicts": tuple(int(n) for n in re.findall(r": (\d+)", paragraphs[1])),
            "rules": {m[1]: (int(m[2]) + int(m[3]), int(m[4])) for m in re.finditer(  # failures and warnings
                r'<code>(\w+)</code></th><td class="num">(\d+)</td><td class="num">(\d+)</td><td class="num">(\d+)</td>',
                section)}}


def _junit(out: str) -> dict:
    xmlschema.XMLSchema(str(JUNIT_SCHEMA)).validate(out)
    root = ET.fromstring(out)
    suites = root.findall("testsuite")
    summary = next(s for s in suites if s.get("name") == "Batch summary")
    assert summary is suites[-1] and summary.get("tests") == "0" and summary.find("system-out").text.startswith(
        "Batch summary: ")
    props = {p.get("name"): int(p.get("value")) for p in summary.iter("property")}
    rules = {name.split(".")[1] for name in props if name.startswith("rules.")}
    for key in ("tests", "failures", "errors"):  # the root's counts are its testsuites' counts
        assert int(root.get(key)) == sum(int(s.get(key)) for s in suites), key
    unread = next(s for s in suites if s.get("name") == "Files not audited (input errors)")
    assert len(unread.findall("testcase/error")) == props["not_readable"]
    return {"counts": (props["files"], props["audited"], props["not_readable"]),
            "verdicts": tuple(props[f"verdicts.{v}"] for v in VERDICTS),
            "rules": {rule: (props[f"rules.{rule}.fail"], props[f"rules.{rule}.indeterminate"]) for rule in rules},
            "junit": {key: int(root.get(key)) for key in ("tests", "failures", "errors")}}


def _jsonl(out: str) -> dict:
    s = json.loads(out.splitlines()[-1])["batch_summary"]
    return {"counts": (s["files"], s["audited"], s["not_readable"]),
            "verdicts": tuple(s["verdicts"][v] for v in VERDICTS),
            "rules": {r["rule"]: (r["fail"], r["indeterminate"]) for r in s["rules"] if r["fail"] or r["indeterminate"]}}


READERS = {"text": _text, "md": _markdown, "html": _html, "junit": _junit, "jsonl": _jsonl}


@pytest.mark.parametrize("fmt", READERS)
def test_every_format_gives_the_counts_of_the_json_reports_and_the_same_bytes_with_jobs(folder, expected, fmt):
    code1, out1, _ = run("check", folder, *ARGS, "--format", fmt, "--jobs", "1")
    code2, out2, _ = run("check", folder, *ARGS, "--format", fmt, "--jobs", "2")
    assert code1 == code2 == 2 and out1 == out2
    got = READERS[fmt](out1)
    assert got == {k: v for k, v in expected.items() if k in got}
    assert expected["counts"] == (5, 4, 1) and all(expected["verdicts"]) and expected["rules"]
    assert any(i for _, i in expected["rules"].values()), "some rule was undecided somewhere"


@pytest.mark.parametrize("fmt", READERS)
def test_one_file_has_no_summary(fmt):
    code, out, _ = run("check", PROGRAMMES / "faulty_bsc.yaml", *ARGS, "--format", fmt)
    assert code == 1 and "Batch summary" not in out and "batch_summary" not in out


def test_one_junit_file_counts_its_failures_and_errors_and_validates():
    _, out, _ = run("check", PROGRAMMES / "partial_transcription.yaml", *ARGS, "--format", "junit")
    xmlschema.XMLSchema(str(JUNIT_SCHEMA)).validate(out)
    root = ET.fromstring(out)
    suite = root.find("testsuite")
    assert [root.get(k) for k in ("tests", "failures", "errors")] == [suite.get(k) for k in ("tests", "failures", "errors")]
    assert int(root.get("errors")) == len(suite.findall("testcase/error")) > 0


def test_the_html_index_gives_the_same_summary(folder, expected, tmp_path):
    assert run("check", folder, *ARGS, "--format", "html", "-o", tmp_path / "out")[0] == 2
    got = _html_section((tmp_path / "out" / "index.html").read_text(encoding="utf-8"))
    assert got == {k: v for k, v in expected.items() if k in got}


@pytest.mark.parametrize("lang", ["el", "sr"])
def test_a_batch_with_its_summary_speaks_the_language(folder, lang):
    """The reports, the file not audited and the summary, in each format that has one."""
    data = {w for name in EXAMPLES for w in _data_words(PROGRAMMES / name)}
    for fmt in ("text", "md", "html", "junit"):
        code, out, _ = run("check", folder, *ARGS, "--lang", lang, "--format", fmt)
        assert code == 2 and {"el": "Σύνοψη παρτίδας", "sr": "Sažetak serije"}[lang] in out, fmt
        assert "Batch summary" not in out and not english_words(out, fmt, lang, data), fmt


@pytest.mark.parametrize("command", [["transfer", *sorted((ROOT / "examples" / "transfers").glob("*.yaml")),
                                      "--rules", "greek_law_4009"],
                                     ["grades", "check", *sorted((ROOT / "examples" / "grades").glob("*.*")),
                                      "--rules", "greek_law_4009"]], ids=["transfer", "grades-check"])
def test_transfer_and_cohort_batches_give_the_same_summary_in_html_and_junit(command, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nyears: [\n", encoding="utf-8")
    args = [*command, broken, "--as-of", "2024-01-01", "-q"]
    code, out, _ = run(*args, "--format", "jsonl")
    assert code == 2
    expected = _jsonl(out)
    assert expected["counts"][2] == 1 and expected["counts"][0] > 2
    for fmt in ("html", "junit"):
        outs = [run(*args, "--format", fmt, "--jobs", jobs)[1] for jobs in ("1", "2")]
        assert outs[0] == outs[1]
        got = READERS[fmt](outs[0])
        assert {k: got[k] for k in expected} == expected, fmt
