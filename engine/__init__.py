"""ects: a rules engine for academic credit regulations.

    from engine import load_ruleset, load_programme, evaluate, audit, render
    rs = load_ruleset("ects_guide_2015")
    programme, sha = load_programme("examples/programmes/compliant_bsc.yaml")
    report = evaluate(rs, programme)
    print(render([report], "text"))
    report = audit(rs, "examples/transfers/clean_mobility.yaml")   # any kind: programme, transfer, cohort
"""
from .api import (Evaluator, LoadOptions, Subject, audit, audit_files, audit_programme, evaluate, load_programme,
                  load_ruleset, load_subject, render, subject_files, write_batch)

__version__ = "0.1.0"
__all__ = ["load_ruleset", "load_programme", "load_subject", "audit", "audit_files", "evaluate", "render",
           "audit_programme", "Evaluator", "LoadOptions", "Subject", "subject_files", "write_batch"]
