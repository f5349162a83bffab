"""JSON subject files are parsed by json.loads; their lines are looked up only for an error, and read
exactly as the line-keeping (YAML) reader reads them."""
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.errors import SubjectFileError
from engine.subjects.jsonread import (THE_YAML_WAY, LinesOnDemand, _clearly_within_limits, _shape, _within_limits, nesting,
                                    read_json)
from engine.subjects.kinds import load_subject
from engine.subjects.load import _read_yaml, read_document

PROGRAMME = {"id": "p", "cycle": "first", "years": 1, "terms_per_year": 2,
             "courses": [{"code": "A", "term": 1, "credits": 30}, {"code": "B", "term": 2, "credits": 30}]}


def _write(tmp_path, text: str, name: str = "p.json"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_data_as_json_loads_reads_it_and_the_same_as_the_yaml_reader(tmp_path):
    path = _write(tmp_path, json.dumps(PROGRAMME, indent=2))
    data, lines, _ = read_document(path)
    assert data == PROGRAMME
    assert isinstance(lines, LinesOnDemand)
    as_yaml, yaml_lines, _ = read_document(_write(tmp_path, json.dumps(PROGRAMME, indent=2), "p.yaml"))
    assert as_yaml == data
    assert dict(lines.items()) == yaml_lines  # built on demand, the same map


def test_a_validation_error_names_the_line(tmp_path):
    bad = json.loads(json.dumps(PROGRAMME))
    bad["courses"][1]["credits"] = "thirty"
    path = _write(tmp_path, json.dumps(bad, indent=2))
    with pytest.raises(SubjectFileError) as e:
        load_subject("programme", path)
    text = json.dumps(bad, indent=2).splitlines()
    assert e.value.line == next(i for i, line in enumerate(text, 1) if '"thirty"' in line)
    assert "courses[1].credits" in e.value.message


def test_a_key_given_twice_is_named_with_its_line(tmp_path):
    path = _write(tmp_path, '{"id": "p",\n "cycle": "first",\n "id": "q"}')
    with pytest.raises(SubjectFileError) as e:
        read_document(path)
    assert e.value.line == 3 and "'id' appears twice" in e.value.message


@pytest.mark.parametrize("text", ['{"a": "\\ud800"}', '{"a": 1e5}', '{"a": 1.0e5}', '{"a": NaN}', '{"a": Infinity}', "[" * 70 + "]" * 70,
                                 '{"a": ' + "9" * 5000 + "}"])
def test_values_json_and_yaml_read_differently_go_the_yaml_way(text):
    assert read_json(text, "x.json") is THE_YAML_WAY


def test_a_lone_surrogate_is_refused_with_its_line(tmp_path):
    path = _write(tmp_path, '{"id": "p",\n "title": "\\udc00"}')
    with pytest.raises(SubjectFileError) as e:
        read_document(path)
    assert e.value.line == 2


def test_invalid_json_names_line_and_column(tmp_path):
    path = _write(tmp_path, '{"id": "p",\n "cycle": }')
    with pytest.raises(SubjectFileError) as e:
        read_document(path)
    assert e.value.line == 2 and e.value.message.startswith("invalid JSON")


def test_nesting_past_the_limit_is_refused_with_a_line(tmp_path):
    path = _write(tmp_path, "[" * 70 + "]" * 70)
    with pytest.raises(SubjectFileError) as e:
        read_document(path)
    assert "nested too deeply" in e.value.message and e.value.line == 1


_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20)


@settings(max_examples=200)
@given(_values)
def test_json_loads_reads_what_the_line_keeping_reader_reads(value):
    text = json.dumps({"v": value}, indent=1)
    data = read_json(text, "x.json")
    if data is not THE_YAML_WAY:
        assert data == _read_yaml(text, "x.json")[0]


def _depth(value) -> int:
    """How deeply lists and mappings nest (a scalar: 0)."""
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


def _key_count(value) -> int:
    """How many keys the mappings of the data hold, at any depth."""
    if isinstance(value, dict):
        return len(value) + sum(map(_key_count, value.values()))
    return sum(map(_key_count, value)) if isinstance(value, list) else 0


_bracketed_text = st.text(alphabet='[]{}"\\ab,:\n', max_size=8)
_nested = st.recursive(
    st.none() | st.integers() | _bracketed_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_bracketed_text, inner, max_size=3),
    max_leaves=40)


@settings(max_examples=300)
@given(_nested, st.integers(min_value=0, max_value=8))
def test_the_nesting_counted_by_levels_is_the_datas(value, deepest):
    """Counted one level at a time, the nesting is the data's own (up to where counting stops), so data
    the quick check clears is data the walk over every value would clear too."""
    assert nesting(value, deepest) == min(_depth(value), deepest)
    if _depth(value) <= deepest:  # every level counted: every key of every mapping
        assert _shape(value, deepest)[1] == _key_count(value)
    text = json.dumps(value)
    if _clearly_within_limits(text, value):
        assert _within_limits(value)


@pytest.mark.parametrize("levels", [62, 63, 64, 65])
def test_nesting_at_the_limit_is_judged_as_the_walk_judges_it(levels):
    text = "[" * levels + "1" + "]" * levels
    data = read_json(text, "x.json")
    assert (data is THE_YAML_WAY) == (not _within_limits(json.loads(text)))


@pytest.mark.parametrize("text", [
    '{"a": "x", "a": "y"}',
    '{"a": "10:00", "a": "11:00"}',  # colons inside the texts
    '{"a:b": 1, "a:b": 2}',  # inside the keys
    '{"a": "\\u003a", "a": 1}',  # a colon written as an escape makes up for the key given twice
    '{"a": "\\u003A\\u003a", "b": {"c": 1, "c": 2}, "d": [{"e": 1, "e": 1}]}',
    '[{"k": ":", "k": ":"}]',
])
def test_a_key_given_twice_goes_the_yaml_way_whatever_colons_the_texts_hold(text):
    assert read_json(text, "x.json") is THE_YAML_WAY
    with pytest.raises(SubjectFileError, match="appears twice"):
        _read_yaml(text, "x.json")


_keys = st.text(alphabet="ab:", max_size=3)
_texts = st.text(alphabet="ab:\\", max_size=4)
_maps = st.recursive(st.integers() | _texts,
                     lambda inner: st.lists(inner, max_size=3) | st.lists(st.tuples(_keys, inner), max_size=4),
                     max_leaves=20)


def _as_json(value) -> str:
    """A JSON text of `value`, where a list of (key, value) pairs is written as a mapping (keys may repeat) and
    every other colon of a text is written as the escape \\u003a."""
    if isinstance(value, list) and value and all(isinstance(x, tuple) for x in value):
        return "{" + ", ".join(f"{json.dumps(k)}: {_as_json(v)}" for k, v in value) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(map(_as_json, value)) + "]"
    text = json.dumps(value)
    return text.replace(":", "\\u003a") if isinstance(value, str) and len(text) % 2 else text


def _too_large(value) -> bool:
    if isinstance(value, list):
        return any(_too_large(v[1] if isinstance(v, tuple) else v) for v in value)
    return isinstance(value, int) and abs(value) > 2 ** 53


def _repeats_a_key(value) -> bool:
    if isinstance(value, list) and value and all(isinstance(x, tuple) for x in value):
        keys = [k for k, _ in value]
        return len(set(keys)) < len(keys) or any(_repeats_a_key(v) for _, v in value)
    return isinstance(value, list) and any(map(_repeats_a_key, value))


@settings(max_examples=300)
@given(_maps)
def test_a_key_given_twice_is_told_from_any_text(value):
    """json.loads keeps one value of a key given twice; read_json sends every such text the YAML way (which
    names the key and its line), and reads every other as json.loads does, whatever colons the keys and
    texts hold, written as they are or as escapes."""
    text = _as_json({"v": value} if not isinstance(value, list) else value)
    data = read_json(text, "x.json")
    if _repeats_a_key(value) or _too_large(value):
        assert data is THE_YAML_WAY  # a whole number beyond 2**53 is text there, refused where a number is due
    else:
        assert data == json.loads(text)


def _long_key_programme(key: str, gap: str = "") -> str:
    """A JSON programme whose printed_totals gives a key as long as `key` (an unknown one: its line is asked for)."""
    head = json.dumps(PROGRAMME, indent=2)[:-2]
    return head + ',\n  "printed_totals": {\n    "' + key + '"' + gap + ': 30\n  }\n}'


def test_a_key_too_long_for_the_line_reader_is_named_as_such_with_its_line(tmp_path):
    path = _write(tmp_path, _long_key_programme("x" * 1100))
    with pytest.raises(SubjectFileError) as e:
        load_subject("programme", path)
    text = path.read_text(encoding="utf-8").splitlines()
    assert e.value.line == next(i for i, line in enumerate(text, 1) if "xxxx" in line)
    assert "a key of 1,102 characters as written (quotes included) (the limit is 1,024" in e.value.message
    assert "YAML" not in e.value.message and "expected" not in e.value.message


def test_a_key_written_long_with_escapes_is_measured_as_written(tmp_path):
    path = _write(tmp_path, _long_key_programme("\\u00e9" * 200))  # 200 characters, written in 1,200
    with pytest.raises(SubjectFileError) as e:
        load_subject("programme", path)
    assert "a key of 1,202 characters as written" in e.value.message


@pytest.mark.parametrize("length, gap", [(1022, ""), (1021, " "), (1023, ""), (1022, " ")])
def test_a_key_at_the_limit_is_read_one_past_it_refused(tmp_path, length, gap):
    path = _write(tmp_path, _long_key_programme("y" * length, gap))
    with pytest.raises(SubjectFileError) as e:
        load_subject("programme", path)
    if length + 2 + len(gap) <= 1024:  # read: the key is unknown to a programme, named with its field
        assert "printed_totals" in e.value.message and "characters as written" not in e.value.message
    else:
        assert "characters as written" in e.value.message
