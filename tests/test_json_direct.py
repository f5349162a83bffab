"""A JSON programme file parsed and validated in one pass (engine.subjects.jsondirect) is accepted or refused
exactly as the usual way (json.loads, then the model) accepts or refuses it, with the same model and the
same message, in English and Greek."""
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from engine.errors import InputError
from engine.render.wording import wording
from engine.subjects.jsondirect import keys_kept, validated_json
from engine.subjects.load import load_model
from engine.subjects.programme.model import Programme

PROGRAMME = {"id": "p", "title": "Plan: first cycle", "cycle": "first", "years": 1, "terms_per_year": 2,
             "courses": [{"code": "A", "title": "Ethics: an introduction", "term": 1, "credits": 30,
                          "hours": {"lectures": 39, "independent": 70}},
                         {"code": "B", "term": 2, "credits": 25, "contact_hours": {"P": 2, "V": 2}},
                         {"code": "E1", "credits": 5}, {"code": "E2", "credits": 5}],
             "elective_groups": [{"id": "g", "term": 2, "choose": {"min": 1, "max": 1}, "courses": ["E1", "E2"]}],
             "printed_totals": {"terms": {"1": 30, "2": 30}}}
PLAIN = json.dumps(PROGRAMME, indent=2)

# keys given twice in texts whose colons are as many as the keys the model keeps (no colon in any text)
NO_COLON = PLAIN.replace(': first cycle"', ' first cycle"').replace(': an intro', ' intro')
TWICE_NO_COLON_IN_TEXTS = [NO_COLON.replace('"code": "A"', '"code": "A", "code": "A"'),
                           NO_COLON.replace('"credits": 25', '"credits": 25, "credits": 25'),
                           NO_COLON.replace('"P": 2', '"P": 2, "P": 2'),
                           PLAIN.replace('"id": "p"', '"id": "p", "id": "p"').replace("first cycle", "first: cycle:")]

# texts the one pass must not read otherwise than the usual way: keys given twice (at each level), texts
# with colons, escapes, exponent notation, NaN, long numbers, JSON that is not valid, values of other types
MUTATIONS = [
    PLAIN,
    json.dumps(PROGRAMME),
    "\ufeff" + PLAIN,
    PLAIN.replace('"id": "p"', '"id": "p", "id": "q"'),
    PLAIN.replace('"code": "A"', '"code": "A", "code": "Z"'),
    PLAIN.replace('"lectures": 39', '"lectures": 39, "lectures": 39'),
    PLAIN.replace('"min": 1', '"min": 1, "min": 1'),
    PLAIN.replace('"P": 2', '"P": 2, "P": 3'),
    PLAIN.replace('"1": 30', '"1": 30, "01": 30'),
    PLAIN.replace('"title": "Ethics', '"title": ": Ethics').replace('"id": "p"', '"id": "p", "id": "p"'),
    PLAIN.replace('"title": "Ethics', '"title": "\\u003a Ethics'),
    PLAIN.replace('"title": "Ethics', '"title": "\\u003a Ethics').replace('"id": "p"', '"id": "p", "id": "q"'),
    PLAIN.replace('"title": "Ethics', '"title": "\\ud800 Ethics'),
    PLAIN.replace('"title": "Ethics', '"title": "a\\": b Ethics'),
    PLAIN.replace('"title": "Ethics', '"title": "\\n Ethics'),
    PLAIN.replace('"credits": 30', '"credits": 3e1'),
    PLAIN.replace('"credits": 30', '"credits": 0.3E2'),
    PLAIN.replace('"credits": 30', '"credits": NaN'),
    PLAIN.replace('"credits": 30', '"credits": Infinity'),
    PLAIN.replace('"credits": 30', '"credits": 30.000000000000000001'),
    PLAIN.replace('"credits": 30', '"credits": 123456789012345678901'),
    PLAIN.replace('"term": 1', '"term": 1.0'),
    PLAIN.replace('"term": 1', '"term": "1"'),
    PLAIN.replace('"term": 1', '"term": true'),
    PLAIN.replace('"term": 1', '"term": -0'),
    PLAIN.replace('"terms_per_year": 2', '"terms_per_year": 2.0'),
    PLAIN.replace('"cycle": "first"', '"cycle": "first "'),
    PLAIN.replace('"code": "A"', '"code": " A "'),
    PLAIN.replace('"code": "A"', '"cod": "A"'),
    PLAIN.replace('"credits": 25', '"credits": -25'),
    PLAIN.replace('"title": "Ethics', '"title": "\tEthics'),
    *TWICE_NO_COLON_IN_TEXTS,
    PLAIN.replace('"P": 2', '"P": 2, "V": 2'),
    PLAIN + " x",
    PLAIN[:-1],
    PLAIN.replace("}", ",}", 1),
    "[]",
    "",
]


def _state(x):
    """Everything a model holds, with the type of each value (1 and 1.0 differ)."""
    if isinstance(x, BaseModel):
        return (type(x).__name__, sorted(x.__pydantic_fields_set__), x.__pydantic_extra__,
                [(k, _state(v)) for k, v in x.__dict__.items()], _state(x.__pydantic_private__))
    if isinstance(x, dict):
        return ("dict", [(_state(k), _state(v)) for k, v in x.items()])
    if isinstance(x, list):
        return ("list", [_state(v) for v in x])
    return (type(x).__name__, repr(x))


def _outcome(path, direct: bool):
    try:
        model, sha = load_model(Programme, path, "programme", json_direct=direct)
    except InputError as e:
        return "refused", e.format(), e.format(say=wording("el").reason)
    return "accepted", sha, _state(model)


def _same_both_ways(tmp_path, text: str) -> tuple:
    path = tmp_path / "p.json"
    path.write_bytes(text.encode("utf-8"))
    usual = _outcome(path, direct=False)
    assert _outcome(path, direct=True) == usual
    return usual


@pytest.mark.parametrize("index", range(len(MUTATIONS)))
def test_the_one_pass_accepts_and_refuses_as_the_usual_way(tmp_path, index):
    _same_both_ways(tmp_path, MUTATIONS[index])


def test_a_plain_file_is_read_in_one_pass_and_doubtful_ones_are_not():
    assert validated_json(Programme, PLAIN.encode()) is not None
    assert validated_json(Programme, ("\ufeff" + PLAIN).encode()) is not None
    for doubtful in (MUTATIONS[3], MUTATIONS[5], MUTATIONS[7], MUTATIONS[9], MUTATIONS[10], MUTATIONS[15],
                     MUTATIONS[20]):
        assert validated_json(Programme, doubtful.encode()) is None
    assert validated_json(Programme, NO_COLON.encode()) is not None
    for doubtful in TWICE_NO_COLON_IN_TEXTS:
        assert validated_json(Programme, doubtful.encode()) is None


def test_the_keys_a_model_kept_are_counted():
    model = Programme.model_validate_json(PLAIN)
    assert keys_kept(model) == PLAIN.count(":") - 2  # two colons are in texts (two titles)


def _keys(value) -> int:
    """How many keys the mappings of the data hold, at any depth."""
    if isinstance(value, dict):
        return len(value) + sum(map(_keys, value.values()))
    return sum(map(_keys, value)) if isinstance(value, list) else 0


_words = st.text(st.sampled_from("ab :\u00e9"), min_size=1, max_size=6).filter(lambda s: s.strip() == s)
_numbers = st.one_of(st.integers(-2, 40), st.floats(-1, 100, allow_nan=False), st.sampled_from(["5", 5.5, None]))


@st.composite
def _programmes(draw):
    courses = [{"code": draw(_words), "title": draw(_words), "term": draw(st.one_of(st.integers(0, 3), st.just(1.0))),
                "credits": draw(_numbers)} for _ in range(draw(st.integers(1, 4)))]
    for course in courses:
        if draw(st.booleans()):
            course["hours"] = {"lectures": draw(_numbers), "total": draw(_numbers)}
    programme = {"id": draw(_words), "cycle": "first", "years": draw(st.sampled_from([1, 1.5, 2])), "courses": courses}
    text = json.dumps(programme, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 1])))
    twice = draw(st.sampled_from([None, '"id": ', '"code": ', '"credits": ', '"lectures": ']))
    if twice is not None and twice in text:  # a key given twice, with the value given before
        start = text.index(twice)
        end = text.index(",", start) if "," in text[start:] else text.index("}", start)
        text = text[:end] + ", " + text[start:end] + text[end:]
    return text


@settings(max_examples=150, deadline=None)
@given(text=_programmes())
def test_random_programmes_read_the_same_both_ways(tmp_path_factory, text):
    _same_both_ways(tmp_path_factory.mktemp("p"), text)


@settings(max_examples=150, deadline=None)
@given(text=_programmes(), groups=st.booleans(), contact=st.sampled_from([None, 2, {"P": 2, "V": 1}, {}]))
def test_the_keys_kept_are_those_of_the_model_as_given(text, groups, contact):
    """Counted a type of model at a time, the keys kept are the keys of the model written out with only the
    fields it was given (its mappings, models and lists of them at any depth)."""
    try:
        data = json.loads(text)
    except ValueError:  # a key given twice where the text could not take it
        return
    if groups:
        data["elective_groups"] = PROGRAMME["elective_groups"]
        data["courses"] += [{"code": "E1", "credits": 5}, {"code": "E2", "credits": 5, "contact_hours": contact}]
    try:
        model = Programme.model_validate(data)
    except ValueError:
        return
    assert keys_kept(model) == _keys(model.model_dump(exclude_unset=True))
