"""Every class of bad input, through the pages and the API: a 4xx status, the CLI's one-line error naming the
uploaded file (never a private path), and the server answering the next request."""
from __future__ import annotations

import io
import re
import zipfile

import pytest
from click.testing import CliRunner

from engine.cli.main import main
from web_helpers import ELMO, PROGRAMMES, TRANSFERS, client, form, raw, upload, zipped

BAD_YAML = "id: x\ncourses: [\n"
MISSING_FIELD = "id: p1\ntitle: A programme\n"
DOCTYPE = '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">]>\n<elmo>&lol;</elmo>\n'


@pytest.fixture(scope="module")
def web():
    return client(max_upload_bytes=200_000, zip_max_members=5, zip_max_bytes=300_000)


def cli_error(tmp_path, name: str, text: str, *args: str) -> str:
    """The CLI's one-line error for a programme file of that name and content, without 'error: '."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    res = CliRunner().invoke(main, ["check", str(path), "--rules", "ects_guide_2015", *args])
    assert res.exit_code == 2
    line = next(ln for ln in res.output.splitlines() if ln.startswith("error: "))
    return line[len("error: "):].replace(str(path), name)


def api_error(web, files, status=400, **fields) -> str:
    r = web.post("/api/audit", files=files, data=form(**fields))
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error", "errors"} and body["error"] == body["errors"][0]
    assert "ects-serve-" not in r.text and "/tmp/" not in r.text and "/dev/shm" not in r.text
    return body["error"]


@pytest.mark.parametrize("name, text", [("broken.yaml", BAD_YAML), ("empty.json", ""),
                                        ("thin.yaml", MISSING_FIELD), ("bad.json", '{"id": 1,,}')])
def test_a_bad_subject_file_gives_the_clis_error(web, tmp_path, name, text):
    expected = cli_error(tmp_path, name, text)
    assert api_error(web, [raw(name, text)], kind="programme") == expected
    r = web.post("/audit", files=[raw(name, text)], data=form(kind="programme"))
    assert r.status_code == 400 and f"error: {expected}" in r.text.replace("&#39;", "'").replace("&#34;", '"')


ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))


@pytest.mark.parametrize("name, text, message", [
    ("laughs.yaml", ALIAS_BOMB, "more values than accepted once aliases are expanded"),
    ("loop.yaml", "id: &a [*a]\n", "an alias refers to the list or mapping that holds it"),
    ("deep.json", '{"id": ' + "[" * 50_000 + "]" * 50_000 + "}", "lists and mappings nested too deeply"),
])
def test_hostile_documents_are_refused_in_bounded_time_as_by_the_cli(web, tmp_path, name, text, message):
    expected = cli_error(tmp_path, name, text)
    assert message in expected
    assert api_error(client(), [raw(name, text)], kind="programme") == expected


def test_good_files_beside_a_bad_one_are_reported_and_the_bad_one_named(web):
    r = web.post("/audit", files=[upload(PROGRAMMES / "compliant_bsc.yaml"), raw("broken.yaml", BAD_YAML)],
                 data=form(kind="programme"))
    assert r.status_code == 200 and "broken.yaml:3" in r.text and "not-audited" in r.text
    assert api_error(web, [upload(PROGRAMMES / "compliant_bsc.yaml"), raw("broken.yaml", BAD_YAML)],
                     kind="programme").startswith("broken.yaml:")


@pytest.mark.parametrize("fields, files, message", [
    ({"rules": "no_such_set"}, None, "unknown rule set 'no_such_set'"),
    ({"rules": "ects_guide_2014"}, None, "did you mean 'ects_guide_2015'"),
    ({"rules": ""}, None, "choose at least one rule set"),
    ({"rules": "../../etc"}, None, "unknown rule set '../../etc'"),
    ({"as_of": "2020-13-45"}, None, "as-of '2020-13-45' is not a date (YYYY-MM-DD)"),
    ({"lang": "xx"}, None, "unknown language 'xx'"),
    ({"kind": "recipe"}, None, "unknown kind of subject 'recipe'"),
    ({}, [raw("tool.exe", b"MZ")], "tool.exe: cannot read a '.exe' file here"),
    ({}, [], "no file uploaded"),
    ({"kind": "transfer"}, [upload(TRANSFERS / "clean_mobility.yaml"), raw("t.xml", DOCTYPE, "transcript")],
     "t.xml:2:16: DOCTYPE declarations are not accepted in XML input"),
    ({"kind": "transfer"}, [upload(TRANSFERS / "clean_mobility.yaml"), raw("t.txt", "x", "transcript")],
     "t.txt: the transcript must be an ELMO XML file (*.xml)"),
    ({}, [upload(PROGRAMMES / "compliant_bsc.yaml"), upload(ELMO, field="transcript")],
     "a transcript goes with one transfer file"),
])
def test_bad_requests_get_a_one_line_error(web, fields, files, message):
    files = [upload(PROGRAMMES / "compliant_bsc.yaml")] if files is None else files
    assert message in api_error(web, files, **fields)
    r = web.post("/audit", files=files or None, data=form(**fields))
    assert r.status_code == 400 and "error: " in r.text


def test_a_doctype_is_refused_as_in_the_cli(web, tmp_path):
    xml = tmp_path / "t.xml"
    xml.write_text(DOCTYPE, encoding="utf-8")
    res = CliRunner().invoke(main, ["transfer", str(TRANSFERS / "clean_mobility.yaml"), "--rules", "ects_guide_2015",
                                    "--transcript", str(xml)])
    assert res.exit_code == 2
    cli_line = res.output.strip().splitlines()[0].replace(str(xml), "t.xml")
    got = api_error(web, [upload(TRANSFERS / "clean_mobility.yaml"), raw("t.xml", DOCTYPE, "transcript")],
                    kind="transfer")
    assert cli_line == f"error: {got}"


def test_an_upload_over_the_limit_is_refused_with_413(web):
    big = "# padding\n" * 30_000
    r = web.post("/api/audit", files=[raw("big.yaml", big)], data=form())
    assert r.status_code == 413 and "larger than the limit" in r.json()["error"]
    r = web.post("/audit", files=[raw("big.yaml", big)], data=form())
    assert r.status_code == 413 and "larger than the limit" in r.text


def test_a_body_without_content_length_is_counted_while_read(web):
    def chunks():
        for _ in range(40):
            yield b"x" * 10_000
    r = web.post("/api/audit", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_zip_bombs_are_bounded(web):
    many = zipped({f"p{i}.yaml": "id: x\n" for i in range(6)})
    assert "at most 5 are read" in api_error(web, [many])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("zeros.yaml", b"\0" * 5_000_000)  # 5 MB of zeros compress to a few kB
    assert "unpacks to more than" in api_error(web, [raw("bomb.zip", buf.getvalue())])
    nested = zipped({"inner.zip": b"PK\x05\x06" + b"\0" * 18})
    assert "a zip inside a zip" in api_error(web, [nested])
    assert "not a readable zip file" in api_error(web, [raw("junk.zip", b"not a zip")])
    assert "holds no subject files" in api_error(web, [zipped({"notes.txt": "x"})])


def test_a_zip_that_lies_about_its_sizes_is_stopped_while_unpacking(web):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr("a.yaml", b"id: x\n" * 10)
    data = bytearray(buf.getvalue())
    # the central directory's uncompressed size of 60 bytes becomes 6: the reader notices the difference
    i = data.rfind(b"PK\x01\x02")
    data[i + 24:i + 28] = (6).to_bytes(4, "little")
    msg = api_error(web, [raw("liar.zip", bytes(data))])
    assert msg.startswith("liar.zip")


def test_the_time_limit_answers_422():
    # a batch of 300 programmes (seconds of work) against a limit of a hundredth of a second: the pool,
    # which checks its limits a few times a second, cannot see it finish first
    slow = client(timeout=0.01)
    programme = (PROGRAMMES / "compliant_bsc.yaml").read_bytes()
    batch = zipped({f"p{i:03d}.yaml": programme for i in range(300)})
    r = slow.post("/api/audit", files=[batch], data=form())
    assert r.status_code == 422 and "time limit" in r.json()["error"]
    assert slow.get("/api/rulesets").status_code == 200


def test_malformed_requests(web):
    r = web.post("/api/audit", content=b"--x\r\nnot multipart",
                 headers={"content-type": "multipart/form-data; boundary=x"})
    assert 400 <= r.status_code < 500
    r = web.post("/api/audit", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 400 and "not JSON" in r.json()["error"]
    r = web.post("/api/audit", json=["a list"])
    assert r.status_code == 400 and "JSON object" in r.json()["error"]
    r = web.post("/api/audit", json={"rules": "ects_guide_2015"})
    assert r.status_code == 400 and "needs a 'subject'" in r.json()["error"]
    r = web.post("/api/audit", json={"rules": 3, "subject": {}})
    assert r.status_code == 400 and "'rules' must be" in r.json()["error"]
    r = web.post("/api/audit", content=b"x=1", headers={"content-type": "text/plain"})
    assert r.status_code == 400 and "multipart/form-data" in r.json()["error"]


def test_unknown_routes_methods_results_and_formats(web):
    assert web.get("/nowhere").status_code == 404
    assert web.get("/api/nowhere").json()["error"]
    assert web.get("/api/audit").status_code == 405
    assert web.get("/results/unknown-token").status_code == 404
    r = web.post("/audit", files=[upload(PROGRAMMES / "compliant_bsc.yaml")], data=form())
    token = r.url.path.split("/")[2]
    assert web.get(f"/results/{token}/download/0.pdf").status_code == 400
    assert web.get(f"/results/{token}/download/7.json").status_code == 404
    assert web.get(f"/results/{token}/9").status_code == 404
    assert web.get("/rulesets/nope").status_code == 400
    assert web.get("/api/rulesets/nope").json()["error"].startswith("unknown rule set 'nope'")
    assert web.get("/rulesets/ects_guide_2015?as_of=yesterday").status_code == 400


def test_the_server_keeps_serving_after_every_error(web):
    for _ in range(3):
        api_error(web, [raw("broken.yaml", BAD_YAML)], kind="programme")
    r = web.post("/api/audit", files=[upload(PROGRAMMES / "compliant_bsc.yaml")], data=form())
    assert r.status_code == 200 and r.json()["verdict"] == "compliant"
    assert not re.search(r"Traceback", r.text)
