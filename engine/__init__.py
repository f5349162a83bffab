"""ects: a rules engine for academic credit regulations.

    from engine import load_ruleset, load_programme, evaluate, render
    rs = load_ruleset("ects_guide_2015")
    programme, sha = load_programme("examples/programmes/compliant_bsc.yaml")
    report = evaluate(rs, programme)
    print(render([report], "text"))
"""
from .api import Evaluator, audit_programme, evaluate, load_programme, load_ruleset, render, subject_files

__version__ = "0.1.0"
__all__ = ["load_ruleset", "load_programme", "evaluate", "render", "audit_programme", "Evaluator", "subject_files"]
