"""The JSON reader refers a whole number beyond 2**53 to the line-keeping reader (which reads it as text) and
reads every smaller one as the number it is, whether or not the text holds a long run of digits elsewhere."""
import json

import pytest
from hypothesis import given, strategies as st

from engine.limits import MAX_EXACT_WHOLE
from engine.subjects import jsonread

whole = st.one_of(st.integers(-10**17, 10**17), st.integers(-MAX_EXACT_WHOLE - 3, -MAX_EXACT_WHOLE + 3),
                  st.integers(MAX_EXACT_WHOLE - 3, MAX_EXACT_WHOLE + 3))


@given(st.lists(whole, max_size=6), st.booleans())
def test_whole_numbers_are_read_or_referred_by_size(numbers, digits_in_a_text):
    text = json.dumps({"n": numbers, "code": "1234567890123456789" if digits_in_a_text else "C1"})
    if any(abs(n) > MAX_EXACT_WHOLE for n in numbers):
        with pytest.raises(jsonread._Refer):
            jsonread._loads(text, None)
    else:
        assert jsonread._loads(text, None)["n"] == numbers


def test_the_limit_itself_is_a_number_and_one_more_is_not():
    assert jsonread._loads(f"[{MAX_EXACT_WHOLE}]", None) == [MAX_EXACT_WHOLE]
    with pytest.raises(jsonread._Refer):
        jsonread._loads(f"[{MAX_EXACT_WHOLE + 1}]", None)
