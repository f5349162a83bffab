"""Quick profile of the mutation fuzzing (tests/fuzz_mutations.py): mutated rule files, programmes,
transfers, ELMO transcripts, Online Learning Agreements, cohorts, CSV course tables and .xlsx workbooks
raise nothing but the project's own InputError; uploaded to the web application, they get 200 or a 4xx.

The long profile is `python bench/fuzz.py --cases 20000` (docs/limits.md)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from fuzz_mutations import cases, run_case

KINDS = ["rules", "programme", "transfer", "elmo", "ola", "cohort", "table", "xlsx", "web"]
EXAMPLES = {"rules": 12, "xlsx": 15, "web": 15}  # the slower kinds (a rule set compiled whole, a workbook, HTTP)


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
