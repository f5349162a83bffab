"""The Serbian 600-hour rule holds a half year (the last of a programme of 1.5 or 3.5 years) to 600 hours times
its share, and its message says so: it gave the whole year's 600 beside a pass at 330 hours."""
from __future__ import annotations

import json

import pytest
import yaml

from cli_helpers import PROGRAMMES, run


def _programme(tmp_path, weekly_seminars: int):
    data = yaml.safe_load((PROGRAMMES / "master_three_semesters.yaml").read_text(encoding="utf-8"))
    data["mode"] = "full_time"
    thesis = next(c for c in data["courses"] if c.get("code") == "ST590")
    thesis["contact_hours_per_week"] = {"seminars": weekly_seminars}
    path = tmp_path / "ms.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("weekly, status", [(22, "pass"), (10, "fail")])
@pytest.mark.parametrize("lang, words", [("en", "at least 300 hours are required (600 hours for a whole year"),
                                          ("el", "απαιτούνται τουλάχιστον 300 ώρες (600 ώρες για ολόκληρο έτος"),
                                          ("sr", "potrebno je najmanje 300 časova (600 časova za celu godinu")])
def test_the_half_year_is_held_to_its_share_in_words_too(tmp_path, weekly, status, lang, words):
    code, out, err = run("check", _programme(tmp_path, weekly), "--rules", "serbian_credit_act", "--format", "json",
                         "--show", "all", "--lang", lang)
    report = json.loads(out)
    finding = next(f for f in report["findings"] if f["rule"] == "active_teaching_hours" and f["subject_ref"]["key"] == 2)
    assert finding["status"] == status
    assert words in finding["message"], finding["message"]
