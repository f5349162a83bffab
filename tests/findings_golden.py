"""The findings of every example programme under every rule set, as plain data: the reference that
tests/test_findings_golden.py compares the engine against (rule, subject, status, message and trace
of each finding). Regenerate only when a change of findings is intended:

    python tests/findings_golden.py > tests/data/findings_golden.json
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.api import audit, load_ruleset  # noqa: E402
from engine.render.json_report import report_dict  # noqa: E402

RULE_SETS = ("ects_guide_2015", "greek_law_4009", "serbian_credit_act")
AS_OF = dt.date(2026, 11, 1)


def golden() -> dict:
    """{rule set: {example file: [[rule, subject, status, message, [trace expr = value, ...]], ...]}}."""
    out: dict = {}
    for rs_id in RULE_SETS:
        rs = load_ruleset(rs_id)
        files = sorted((ROOT / "examples" / "programmes").glob("*.yaml"))
        out[rs_id] = {}
        for path in files:
            d = report_dict(audit(rs, path, kind="programme", as_of=AS_OF))
            out[rs_id][path.name] = [
                [f["rule"], f["subject"], f["status"], f["message"],
                 [f"{s['expr']} = {s['value']}" + (f" ({s['detail']})" if s.get("detail") else "")
                  for s in f["trace"]]]
                for f in d["findings"]]
    return out


if __name__ == "__main__":
    data = golden()
    lines = ["{"]
    for i, (rs_id, files) in enumerate(data.items()):
        lines.append(f" {json.dumps(rs_id)}: {{")
        for j, (name, findings) in enumerate(files.items()):
            lines.append(f"  {json.dumps(name)}: [")
            lines += [f"   {json.dumps(f, ensure_ascii=False)}" + ("," if k < len(findings) - 1 else "")
                      for k, f in enumerate(findings)]
            lines.append("  ]" + ("," if j < len(files) - 1 else ""))
        lines.append(" }" + ("," if i < len(data) - 1 else ""))
    lines.append("}")
    print("\n".join(lines))
