"""A quote from a text or Markdown file knows its lines in the file, recorded when the file is read: the
JSON report gives them, and SARIF and GitHub annotations point at them, without opening the file again."""

from __future__ import annotations

import json
from pathlib import Path

from cli_in_process import clausecheck

CONTRACT = """\
# Student Data Terms

1. Provider shall not sell Student Data
   to any third party, and shall not
   rent it.

2. This Agreement is governed by the laws of the
   State of California.
"""


def first_evidence(report: dict, provision: str) -> dict:
    [document] = report["documents"]
    return next(item for item in document["findings"] if item["provision"] == provision)["evidence"][0]


def test_a_quote_from_a_text_file_gives_its_first_and_last_line(tmp_path: Path) -> None:
    (tmp_path / "contract.md").write_text(CONTRACT, encoding="utf-8")
    result = clausecheck(tmp_path / "contract.md", "-f", "json", "--no-cache")
    report = json.loads(result.stdout)
    sale = first_evidence(report, "no-sale")
    assert (sale["line"], sale["end_line"]) == (3, 5)
    law = first_evidence(report, "connecticut-law")
    assert (law["line"], law["end_line"]) == (7, 8)


def test_sarif_points_at_the_quotes_lines(tmp_path: Path) -> None:
    (tmp_path / "contract.md").write_text(CONTRACT, encoding="utf-8")
    sarif_path = tmp_path / "out.sarif"
    out = clausecheck(tmp_path / "contract.md", "-o", f"sarif={sarif_path}", "--no-cache")
    assert out.exit_code == 1
    sarif = json.loads(sarif_path.read_text(encoding="utf-8"))
    regions = {result["ruleId"]: result["locations"][0]["physicalLocation"].get("region")
               for result in sarif["runs"][0]["results"]}
    region = regions["connecticut-law"]
    assert (region["startLine"], region.get("endLine", region["startLine"])) == (7, 8)
