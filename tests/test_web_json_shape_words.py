"""The JSON API's errors about the shape of its request body, in the language of the request: the body's
`lang` where it gives a known one, else the page's `?lang=`; in English without either, as they were."""
from __future__ import annotations

import pytest

from web_helpers import client

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

SUBJECT = {"id": "x"}
# (path, body, English, Greek, Serbian in Latin script); a body given as bytes is sent as it is
CASES = [
    ("/api/audit", b"[1,", None, "το σώμα του αιτήματος δεν είναι JSON («", "telo zahteva nije JSON («"),
    ("/api/audit", [1], "the request body must be a JSON object", "το σώμα του αιτήματος πρέπει να είναι αντικείμενο JSON",
     "telo zahteva mora biti JSON objekat"),
    ("/api/audit", {"rules": "ects_guide_2015"},
     "the JSON body needs a 'subject' (the content of a programme, transfer or cohort file)",
     "το σώμα JSON χρειάζεται «subject» (το περιεχόμενο ενός αρχείου προγράμματος σπουδών, μεταφοράς ή κοόρτης)",
     "JSON telu je potreban „subject“ (sadržaj datoteke studijskog programa, prenosa ili kohorte)"),
    ("/api/audit", {"rules": 3, "subject": SUBJECT}, "'rules' must be a rule set id or a list of them",
     "το «rules» πρέπει να είναι αναγνωριστικό συνόλου κανόνων ή λίστα αναγνωριστικών",
     "„rules“ mora biti oznaka skupa pravila ili lista oznaka"),
    ("/api/audit", {"rules": "ects_guide_2015", "subject": SUBJECT, "set": 5},
     "'set' must be a list of texts or an object of texts, e.g. \"set\": [\"semester_credits=28 credits\"]",
     "το «set» πρέπει να είναι λίστα κειμένων ή αντικείμενο με τιμές κείμενα, π.χ. \"set\": [\"semester_credits=28 credits\"]",
     "„set“ mora biti lista tekstova ili objekat čije su vrednosti tekstovi, npr. \"set\": [\"semester_credits=28 credits\"]"),
    ("/api/audit", {"rules": "ects_guide_2015", "subject": SUBJECT, "as_of": 2020}, "'as_of' must be a string",
     "το «as_of» πρέπει να είναι κείμενο", "„as_of“ mora biti tekst"),
    ("/api/compare", {"rules": "ects_guide_2015"}, "'rules' must be a list of rule set ids",
     "το «rules» πρέπει να είναι λίστα αναγνωριστικών συνόλων κανόνων", "„rules“ mora biti lista oznaka skupova pravila"),
]


def _error(web, path: str, body, query: str = "") -> str:
    if isinstance(body, bytes):
        r = web.post(path + query, content=body, headers={"content-type": "application/json"})
    else:
        r = web.post(path + query, json=body)
    assert r.status_code == 400, r.text
    return r.json()["error"]


@pytest.fixture(scope="module")
def web():
    return client()


@pytest.mark.parametrize("path, body, en, el, sr", CASES)
def test_each_shape_error_in_the_page_language(web, path, body, en, el, sr):
    worded = {lang: _error(web, path, body, f"?lang={lang}") for lang in ("en", "el", "sr", "sr-Cyrl")}
    if en is None:  # the parser's own words are quoted
        assert worded["en"].startswith("the request body is not JSON (") and worded["el"].startswith(el)
        assert worded["sr"].startswith(sr) and worded["sr-Cyrl"].startswith("тело захтева није JSON («")
        return
    assert worded["en"] == en == _error(web, path, body)
    assert worded["el"] == el
    assert worded["sr"] == sr
    assert worded["sr-Cyrl"].startswith(("тело", "JSON телу", "„"))


def test_the_body_language_comes_before_the_page_language(web):
    body = {"rules": 3, "subject": SUBJECT, "lang": "el"}
    assert _error(web, "/api/audit", body) == "το «rules» πρέπει να είναι αναγνωριστικό συνόλου κανόνων ή λίστα αναγνωριστικών"
    assert _error(web, "/api/audit", {**body, "lang": "sr"}, "?lang=el") == "„rules“ mora biti oznaka skupa pravila ili lista oznaka"
    assert _error(web, "/api/audit", {**body, "lang": "xx"}, "?lang=sr").startswith("„rules“")  # unknown: the page's
