"""What an audit or compare request asks for, read from a multipart form (pages and API) or a JSON body (API).
Every problem is a UsageError with the CLI's kind of one-line message."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from python_multipart.exceptions import FormParserError
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request

from ..errors import UsageError
from ..semantics.reasons import because, plain
from engine.subjects.kinds import KINDS
from engine.subjects.programme.choose import Choice
from engine.subjects.programme.table_programme import TableOptions, field_values, parse_pairs
from engine.whatif_options import assignments, choices
from ..render.i18n import available_languages
from .config import WebConfig, check_kind, check_lang, parse_day
from .uploads import XML_SUFFIXES, Upload, display_name, subject_uploads

MAX_FIELDS = 200
MAX_WHAT_IF_CHARS = 2000  # the what-if texts of one request (`set`, `choose`), as the `fields` box
PROGRAMME_SUFFIXES = KINDS["programme"].suffixes


@dataclass
class AuditRequest:
    """The files to audit, the rule sets to audit them under, and how."""

    files: list[Upload]
    rulesets: list[str]
    kind: str | None
    as_of: dt.date
    lang: str
    transcript: Upload | None = None
    table: TableOptions = TableOptions()  # course tables: --field name=value as the CLI takes them
    sets: tuple[tuple[str, str], ...] = ()  # what-if parameter values: --set NAME=VALUE as (name, value text)
    choices: tuple[Choice, ...] = ()  # what-if elective choices: --choose GROUP=CODE,CODE


async def read_form(request: Request, config: WebConfig) -> FormData:
    """The request's multipart or urlencoded form, files kept in memory (the body limit is enforced upstream)."""
    ctype = request.headers.get("content-type", "")
    if not ctype.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        raise UsageError(because("web.form.multipart", "send the files as multipart/form-data"))
    try:
        return await request.form(max_files=config.zip_max_members, max_fields=MAX_FIELDS,
                                  max_part_size=config.max_upload_bytes)
    except (FormParserError, ValueError) as e:
        raise UsageError(because("web.form.malformed", "the request is not a well-formed form ({why})", why=plain(str(e)))) from None


async def _uploads(form: FormData, field: str) -> list[Upload]:
    out = []
    for item in form.getlist(field):
        if isinstance(item, UploadFile) and (item.filename or item.size):
            out.append(Upload(display_name(item.filename, f"{field}-{len(out) + 1}"), await item.read()))
    return out


def _rulesets(values: list) -> list[str]:
    names = [str(v).strip() for v in values if str(v).strip()]
    if not names:
        raise UsageError(because("web.form.no_ruleset", "choose at least one rule set"))
    return list(dict.fromkeys(names))


async def audit_from_form(form: FormData, config: WebConfig) -> AuditRequest:
    """An AuditRequest from form fields: files (several, zips too), rules (several), kind, as_of, lang,
    transcript (one ELMO XML file, for a transfer), fields (for course tables: 'cycle=first, years=1')."""
    files = subject_uploads(await _uploads(form, "files"), config.zip_max_members, config.zip_max_bytes)
    transcripts = await _uploads(form, "transcript")
    transcript = transcripts[0] if transcripts else None
    kind = check_kind(str(form.get("kind") or ""))
    if transcript is not None:
        if transcript.suffix not in XML_SUFFIXES:
            raise UsageError(because("web.form.transcript_xml", "the transcript must be an ELMO XML file (*.xml)"),
                             path=transcript.name)
        if kind != "transfer" or len(files) != 1:
            raise UsageError(because("web.form.transcript_one", "a transcript goes with one transfer file (kind: transfer)"))
    sets, chosen = _what_ifs([str(v) for v in form.getlist("set")], [str(v) for v in form.getlist("choose")], kind)
    return AuditRequest(files, _rulesets(form.getlist("rules")), kind, parse_day(str(form.get("as_of") or "")),
                        check_lang(str(form.get("lang") or "")), transcript, _table_options(form), sets, chosen)


def _what_ifs(set_texts: list[str], choose_texts: list[str],
              kind: str | None) -> tuple[tuple[tuple[str, str], ...], tuple[Choice, ...]]:
    """The what-if fields (each value one or more lines, a NAME=VALUE or GROUP=CODE,CODE a line), read by the
    CLI's own parsers of --set and --choose; blank lines are skipped."""
    if sum(len(t) for t in set_texts + choose_texts) > MAX_WHAT_IF_CHARS:
        raise UsageError(because("web.form.what_if_long", "set, choose: at most {n} characters", n=str(MAX_WHAT_IF_CHARS)))
    sets = [line for text in set_texts for line in text.splitlines() if line.strip()]
    chosen = [line for text in choose_texts for line in text.splitlines() if line.strip()]
    if chosen and kind not in (None, "programme"):
        raise UsageError(because("web.form.choose_kind", "--choose fixes an elective choice of a programme; the kind of "
                                 "subject is '{kind}', not programme", kind=kind))
    return tuple(assignments(sets)), choices(chosen)


def _table_options(form: FormData) -> TableOptions:
    """The `fields` form field: programme fields a course table lacks, 'cycle=first, years=1' (as --field)."""
    text = str(form.get("fields") or "").strip()
    if not text:
        return TableOptions()
    if len(text) > 2000:
        raise UsageError(because("web.form.fields_long", "fields: at most 2000 characters"))
    return TableOptions(fields=field_values(parse_pairs(text.splitlines(), "fields")))


async def read_json(request: Request) -> dict:
    """The JSON object of the request body; UsageError for anything else."""
    try:
        data = json.loads(await request.body())
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise UsageError(because("web.json.not_json", "the request body is not JSON ({why})",
                                 why=plain(str(e)))) from None
    if not isinstance(data, dict):
        raise UsageError(because("web.json.not_object", "the request body must be a JSON object"))
    return data


def body_language(data: dict) -> str | None:
    """The report language a JSON body asks for (`lang`), if it is one the application words in; None
    otherwise (its errors are then worded in the language of the page's `?lang=`)."""
    lang = data.get("lang")
    return lang if isinstance(lang, str) and lang in available_languages() else None


def audit_from_json(data: dict) -> AuditRequest:
    """An AuditRequest from {"rules": id or [ids], "subject": {...}, "kind", "as_of", "lang", "set", "choose"}:
    the subject is the content of one subject file, audited as `subject.json`; `set` is a list of "NAME=VALUE"
    or an object {NAME: VALUE}, `choose` a list of "GROUP=CODE,CODE" or an object {GROUP: [CODE, ...]}."""
    if "subject" not in data:
        raise UsageError(because("web.json.no_subject", "the JSON body needs a 'subject' (the content of a programme, "
                                 "transfer or cohort file)"))
    rules = data.get("rules")
    rules = [rules] if isinstance(rules, str) else rules
    if not isinstance(rules, list):
        raise UsageError(because("web.json.rules_id_or_list", "'rules' must be a rule set id or a list of them"))
    subject = json.dumps(data["subject"], ensure_ascii=False, indent=1).encode("utf-8")
    kind = check_kind(_text(data, "kind"))
    sets, chosen = _what_ifs(_what_if_texts(data, "set"), _what_if_texts(data, "choose"), kind)
    return AuditRequest([Upload("subject.json", subject)], _rulesets(rules), kind,
                        parse_day(_text(data, "as_of")), check_lang(_text(data, "lang")), sets=sets, choices=chosen)


def _what_if_texts(data: dict, key: str) -> list[str]:
    """A JSON body's `set` or `choose` as the command line's texts: a list of them, or an object whose values
    are value texts (`set`) or lists of course codes (`choose`)."""
    value = data.get(key)
    if value is None:
        return []
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    if isinstance(value, dict):
        out = []
        for name, v in value.items():
            if key == "choose" and isinstance(v, list) and all(isinstance(c, str) for c in v):
                v = ",".join(v)
            if not isinstance(v, str):
                break
            out.append(f"{name}={v}")
        else:
            return out
    example = '["semester_credits=28 credits"]' if key == "set" else '{"E1": ["PE301", "PE302"]}'
    raise UsageError(because("web.json.what_if_shape", "'{name}' must be a list of texts or an object of texts, e.g. "
                             "\"{name}\": {example}", name=key, example=example))


def _text(data: dict, key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise UsageError(because("web.json.not_text", "'{name}' must be a string", name=key))
    return value


@dataclass
class CompareRequest:
    rulesets: list[str]
    as_of: dt.date
    programme: Upload | None


async def compare_from_form(form: FormData) -> CompareRequest:
    programmes = await _uploads(form, "programme")
    if programmes and programmes[0].suffix not in PROGRAMME_SUFFIXES:
        raise UsageError(because("web.form.programme_suffix", "a programme file is *.yaml, *.yml or *.json"),
                         path=programmes[0].name)
    return CompareRequest(_rulesets(form.getlist("rules")), parse_day(str(form.get("as_of") or "")),
                          programmes[0] if programmes else None)


def compare_from_json(data: dict) -> CompareRequest:
    rules = data.get("rules")
    if not isinstance(rules, list):
        raise UsageError(because("web.json.rules_list", "'rules' must be a list of rule set ids"))
    programme = data.get("programme")
    upload = Upload("programme.json", json.dumps(programme).encode()) if programme is not None else None
    return CompareRequest(_rulesets(rules), parse_day(_text(data, "as_of")), upload)
