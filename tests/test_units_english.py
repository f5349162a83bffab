"""English numbers and plurals are worded without Babel (engine.semantics.units, for start-up time): the words
must be Babel's own, byte for byte, for every number."""
from __future__ import annotations

import decimal
import math

from babel import Locale
from babel.numbers import format_decimal
from hypothesis import example, given, strategies as st

from engine.semantics import units
from engine.semantics.units import format_number, plural_category, unit_words

_NUMBERS = st.one_of(st.integers(min_value=-10**30, max_value=10**30),
                     st.floats(allow_nan=False, allow_infinity=False),
                     st.decimals(min_value=-10**6, max_value=10**6, places=3, allow_nan=False).map(float),
                     st.sampled_from([0.005, 0.015, 0.025, -0.004, -0.0, 1e-7, 2.675, 1.005, 1e16, 1e300, 5e-324]))


def _babel_number(x) -> str:
    """Babel's words, with the precision for every digit of x (400 for any float; an int may need more)."""
    with decimal.localcontext() as context:
        context.prec = max(400, len(str(abs(x))) + 3) if isinstance(x, int) else 400
        return format_decimal(x, format="0.##", locale="en")


@given(_NUMBERS)
@example(10**397)
@example(10**399)
@example(-1)
@example(-0.0)
def test_an_english_number_is_worded_as_babel_words_it(x):
    """As Babel words it, but -0.0 reads '0' as 0.0 does (Babel: '-0'), so that equal numbers read the same."""
    assert format_number(x, "en") == _babel_number(0.0 if x == 0 and isinstance(x, float) else x)


@given(_NUMBERS)
@example(1.0)
@example(-1)
@example(1.0000000000000002)
def test_the_english_plural_is_babels(x):
    assert plural_category(x, "en") == Locale.parse("en").plural_form(abs(x))


def test_the_words_follow_the_plural():
    assert [unit_words("credits", v, "en") for v in (1, 1.0, -1, 0, 2, 0.5)] == \
        ["credit", "credit", "credit", "credits", "credits", "credits"]


def test_other_languages_and_other_numbers_still_go_through_babel():
    """The check can fail: a Greek number has a decimal comma, and infinity is Babel's sign in English too."""
    assert format_number(7.5, "el") == "7,5"
    assert format_number(math.inf, "en") == _babel_number(math.inf)
    assert plural_category(3, "sr") == "few"


def test_english_is_worded_without_loading_a_locale():
    units._locale.cache_clear()
    format_number(7.5, "en"), plural_category(2, "en")
    assert units._locale.cache_info().currsize == 0
