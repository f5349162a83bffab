"""The web application's own errors (a form without a rule set or file, a transcript that is not XML, a zip
refused, an upload over the limit, a result no longer kept) in the page's language (`?lang=`); in English
without it, as they were."""
from __future__ import annotations

import pytest

from web_helpers import PROGRAMMES, TRANSFERS, client, form, raw, upload, zipped

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def web():
    return client(max_upload_bytes=200_000, zip_max_members=5, zip_max_bytes=300_000)


def _error(web, lang: str, files, status: int = 400, **fields) -> str:
    r = web.post(f"/api/audit?lang={lang}", files=files, data=form(**fields))
    assert r.status_code == status, r.text
    return r.json()["error"]


def test_a_transcript_that_is_not_xml_is_worded():
    web = client()
    files = [upload(TRANSFERS / "clean_mobility.yaml"), raw("t.txt", "x", "transcript")]
    assert _error(web, "en", files, kind="transfer") == "t.txt: the transcript must be an ELMO XML file (*.xml)"
    assert _error(web, "el", files, kind="transfer") == "t.txt: η αναλυτική βαθμολογία πρέπει να είναι αρχείο ELMO XML " \
                                                        "(*.xml)"
    assert _error(web, "sr", files, kind="transfer") == "t.txt: prepis ocena mora biti «ELMO XML» datoteka («*.xml»)"
    r = web.post("/audit?lang=el", files=files, data=form(kind="transfer"))
    assert r.status_code == 400 and "η αναλυτική βαθμολογία πρέπει να είναι αρχείο ELMO XML" in r.text


def test_a_form_without_a_rule_set_is_worded():
    web = client()
    files = [upload(PROGRAMMES / "compliant_bsc.yaml")]
    assert _error(web, "en", files, rules=[]) == "choose at least one rule set"
    assert _error(web, "el", files, rules=[]) == "επιλέξτε τουλάχιστον ένα σύνολο κανόνων"
    assert _error(web, "sr-Cyrl", files, rules=[]) == "изаберите бар један скуп правила"


def test_zips_refused_are_worded(web):
    many = zipped({f"p{i}.yaml": "id: x\n" for i in range(6)})
    assert _error(web, "en", [many]) == "many.zip: the zip holds 6 files; at most 5 are read"
    assert _error(web, "el", [many]) == "many.zip: το zip περιέχει 6 αρχεία· διαβάζονται το πολύ 5"
    nested = zipped({"inner.zip": b"PK\x05\x06" + b"\0" * 18})
    assert _error(web, "sr", [nested]) == "many.zip: «zip» unutar «zip» datoteke (inner.zip) se ne čita"
    assert _error(web, "el", [raw("junk.zip", b"not a zip")]).startswith("junk.zip: δεν είναι αναγνώσιμο αρχείο zip («")


def test_an_upload_over_the_limit_is_worded(web):
    big = "# padding\n" * 30_000
    r = web.post("/api/audit?lang=el", files=[raw("big.yaml", big)], data=form())
    assert r.status_code == 413
    assert r.json()["error"] == "το αρχείο που στάλθηκε υπερβαίνει το όριο των 0,19 MB ανά αίτημα"
    r = web.post("/api/audit", files=[raw("big.yaml", big)], data=form())
    assert r.json()["error"] == "the upload is larger than the limit of 0.190735 MB a request"


def test_a_result_no_longer_kept_is_worded():
    web = client()
    r = web.get("/results/no-such-token?lang=el")
    assert r.status_code == 404
    assert "ο διακομιστής δεν φυλάσσει πια αυτό το αποτέλεσμα" in r.text
    r = web.get("/results/no-such-token")
    assert r.status_code == 404 and "this result is no longer kept by the server" in r.text
