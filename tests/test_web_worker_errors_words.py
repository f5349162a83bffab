"""The web application's answer when its worker processes cannot serve (503: they could not start, or could not
load the rule sets as the server did) is worded in the request's language, Greek and Serbian as English, with
the same placeholders as the English sentence."""
from __future__ import annotations

import re

import pytest
import yaml
from starlette.testclient import TestClient

import engine.web.workers as workers
from engine.render.wording import wording
from engine.web.app import create_app
from engine.web.config import Catalog, WebConfig
from engine.web.handling import WorkersUnavailable
from engine.web.pool import WorkerPool
from test_import_and_error_words import I18N, _english
from web_helpers import PROGRAMMES, catalog, exit_at_start, form, upload

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
NAMES = {"ects", "serve", "memory", "limit", "mib", "ects_guide_2015", "boom"}  # the command, its option, data


def _problem(monkeypatch, case: str) -> WorkersUnavailable:
    """What a worker answers after a start that failed in the way `case` names (its start run in this process)."""
    monkeypatch.setattr(workers, "_loaded", workers._Loaded())
    monkeypatch.setattr(workers, "_remove_uploads_when_stopped", lambda: None)
    setup = workers.WorkerSetup({"ects_guide_2015": "ects_guide_2015"}, {"ects_guide_2015": "not its hash"},
                                memory_limit=64 << 20)
    if case == "memory_limit_unsupported":
        monkeypatch.setattr(workers, "_cap_memory", lambda limit: (_ for _ in ()).throw(ValueError("boom")))
    else:
        monkeypatch.setattr(workers, "_cap_memory", lambda limit: None)
    if case in ("rulesets_over_memory", "rulesets_not_loaded"):
        error = MemoryError() if case == "rulesets_over_memory" else RuntimeError("boom")
        monkeypatch.setattr(Catalog, "of_targets", classmethod(lambda cls, targets: (_ for _ in ()).throw(error)))
    if case != "not_a_worker":
        workers.start_worker(setup)
    with pytest.raises(WorkersUnavailable) as raised:
        workers.worker_catalog()
    return raised.value


@pytest.mark.parametrize("lang", ["el", "sr"])
@pytest.mark.parametrize("case", ["memory_limit_unsupported", "ruleset_changed", "rulesets_over_memory",
                                  "rulesets_not_loaded", "not_a_worker"])
def test_each_reason_workers_cannot_serve_is_worded_with_the_english_placeholders(monkeypatch, case, lang):
    reason = _problem(monkeypatch, case).reason
    assert reason.key == f"web.{case}"
    catalogue = yaml.safe_load((I18N / f"{lang}.yaml").read_text(encoding="utf-8"))
    assert set(re.findall(r"\{(\w+)\}", catalogue[f"reason.{reason.key}"])) == set(re.findall(r"\{(\w+)\}",
                                                                                              reason.english))
    worded = wording(lang).reason(reason)
    assert worded != str(reason) and not _english(worded, lang, NAMES), worded
    for value in (str(v) for _, v in reason.args):
        assert value in worded


@pytest.mark.parametrize("lang", ["el", "sr"])
def test_workers_that_cannot_start_are_answered_503_in_the_language_of_the_request(lang):
    pool = WorkerPool(catalog(), 1, 60.0, prepare=exit_at_start)
    try:
        web = TestClient(create_app(WebConfig(), catalog(), pool))
        api = web.post("/api/audit", files=[upload(PROGRAMMES / "compliant_bsc.yaml")], data=form(lang=lang))
        page = web.post(f"/audit?lang={lang}", files=[upload(PROGRAMMES / "compliant_bsc.yaml")], data=form(lang=lang))
        english = web.post("/api/audit", files=[upload(PROGRAMMES / "compliant_bsc.yaml")], data=form())
    finally:
        pool.close()
    assert api.status_code == page.status_code == english.status_code == 503
    assert "could not be started" in english.json()["error"]
    words = {"el": "δεν μπόρεσαν να ξεκινήσουν", "sr": "nisu mogli da se pokrenu"}[lang]
    assert words in api.json()["error"] and words in page.text and "could not be started" not in page.text
