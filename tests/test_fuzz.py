"""Quick profile of the mutation fuzzing (tests/fuzz_mutations.py): mutated rule files, programmes,
transfers, ELMO transcripts and cohorts raise nothing but the project's own InputError.

The long profile is `python bench/fuzz.py --cases 20000` (docs/limits.md)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from fuzz_mutations import cases, run_case

KINDS = ["rules", "programme", "transfer", "elmo", "cohort"]
EXAMPLES = {"rules": 12}  # a mutated rule set is composed and compiled whole: slower than the others


@pytest.mark.parametrize("kind", KINDS)
def test_mutated_input_raises_only_input_errors(kind, tmp_path_factory):
    workdir = tmp_path_factory.mktemp(f"fuzz-{kind}")

    @settings(max_examples=EXAMPLES.get(kind, 25), deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(cases(kind))
    def check(case):
        seed, text = case
        assert run_case(seed, text, workdir) in ("ok", "input error")

    check()
