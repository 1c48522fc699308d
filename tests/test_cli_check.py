"""The real command line on the bundled samples and on bad input: verdicts, JSON report, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NON_COMPLIANT = ROOT / "samples" / "vendor-agreement.pdf"
COMPLIANT = ROOT / "samples" / "ct-data-privacy-agreement.docx"


def run(*arguments: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    environment = dict(os.environ, PYTHONPATH=str(ROOT / "src"),
                       CLAUSECHECK_CACHE_DIR=str(cwd or ROOT / ".pytest_cache"), NO_COLOR="1", COLUMNS="120")
    return subprocess.run([sys.executable, "-m", "clausecheck", *arguments], capture_output=True, text=True,
                          cwd=cwd or ROOT, env=environment, timeout=120)


def findings(result: subprocess.CompletedProcess) -> dict[str, dict]:
    report = json.loads(result.stdout)
    (document,) = report["documents"]
    return {finding["provision"]: finding for finding in document["findings"]}


def test_the_non_compliant_sample_fails_with_quotes_pages_and_amendments():
    result = run(str(NON_COMPLIANT), "--format", "json", "--no-cache")
    assert result.returncode == 1, result.stderr
    found = findings(result)
    assert found["connecticut-law"]["status"] == "conflict"
    assert "California" in found["connecticut-law"]["evidence"][0]["quote"]
    assert found["connecticut-law"]["evidence"][0]["page"] >= 1
    assert found["breach-notification"]["status"] == "conflict"
    assert "seventy-two (72) hours" in found["breach-notification"]["evidence"][0]["quote"]
    assert found["no-retention-after-completion"]["status"] == "conflict"
    assert found["no-advertising-use"]["status"] == "conflict"
    for provision in ("ferpa-compliance", "severability", "review-and-correction", "student-content-control"):
        assert found[provision]["status"] == "missing", provision
        assert found[provision]["amendment"]
    for provision in ("data-ownership", "security-confidentiality", "no-sale"):
        assert found[provision]["status"] == "present", provision


def test_the_compliant_sample_passes():
    result = run(str(COMPLIANT), "--format", "json", "--no-cache")
    assert result.returncode == 0, result.stdout
    assert {finding["status"] for finding in findings(result).values()} == {"present"}


def test_the_json_report_has_the_documented_shape():
    report = json.loads(run(str(NON_COMPLIANT), "--format", "json", "--no-cache").stdout)
    assert report["tool"]["name"] == "clausecheck" and report["tool"]["version"]
    assert report["rulebook"]["id"] == "ct-student-data-privacy" and report["rulebook"]["version"]
    document = report["documents"][0]
    assert document["error"] is None and document["pages"] >= 5 and document["path"].endswith("vendor-agreement.pdf")
    for finding in document["findings"]:
        assert finding["status"] in {"present", "conflict", "missing", "review"}
        assert {"provision", "title", "severity", "status", "score", "evidence", "amendment",
                "citation"} <= set(finding)
        for evidence in finding["evidence"]:
            assert {"quote", "page", "section"} <= set(evidence)


def test_the_text_report_leads_with_the_verdict():
    result = run(str(NON_COMPLIANT), "--no-cache")
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if line.strip() and not set(line) <= set("─ ")]
    assert lines[1].startswith("FAIL") or lines[0].startswith("FAIL")
    assert "Amend:" in result.stdout and "page" in result.stdout


def test_check_is_the_default_command():
    assert run("check", str(COMPLIANT), "--no-cache").returncode == 0
    assert run(str(COMPLIANT), "--no-cache").returncode == 0


def test_output_file_is_written_and_input_untouched(tmp_path):
    before = NON_COMPLIANT.read_bytes()
    target = tmp_path / "report.json"
    result = run(str(NON_COMPLIANT), "--format", "json", "--output", str(target), "--no-cache")
    assert result.returncode == 1
    assert json.loads(target.read_text())["documents"][0]["findings"]
    assert NON_COMPLIANT.read_bytes() == before
    assert [path.name for path in tmp_path.iterdir()] == ["report.json"]


@pytest.mark.parametrize("name, content, message", [
    ("empty.pdf", b"", "empty"),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage", "PDF"),
    ("old.doc", bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600, ".doc"),
    ("notzip.docx", b"this is not a zip file at all, just words", None),
    ("picture.txt", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, None),
])
def test_bad_input_is_one_clear_line_and_exit_2(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    result = run(str(path), "--no-cache")
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    if message:
        assert message in result.stdout + result.stderr


def test_a_missing_file_and_a_folder_where_a_file_is_needed(tmp_path):
    result = run(str(tmp_path / "absent.pdf"), "--no-cache")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "absent.pdf" in result.stdout + result.stderr


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    result = run(str(bad), str(COMPLIANT), "--format", "json", "--no-cache")
    assert result.returncode == 2
    documents = {Path(d["path"]).name: d for d in json.loads(result.stdout)["documents"]}
    assert documents["empty.pdf"]["error"]
    assert documents["ct-data-privacy-agreement.docx"]["error"] is None
    assert documents["ct-data-privacy-agreement.docx"]["findings"]


def test_a_broken_rulebook_is_exit_2_with_file_and_line(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text("id: x\nprovisions:\n  - id: a\n    title: A\n    check: nonsense\n")
    result = run(str(COMPLIANT), "--rules", str(rules), "--no-cache")
    assert result.returncode == 2
    assert f"{rules}:5" in result.stderr and "Traceback" not in result.stderr


def test_help_does_not_load_the_pdf_stack():
    code = ("import sys, clausecheck.cli as cli\n"

            "heavy = [m for m in ('pdfplumber', 'pypdfium2', 'docx', 'rapidfuzz', 'rich.console') "
            "if m in sys.modules]\n"
            "print(','.join(heavy))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=dict(os.environ, PYTHONPATH=str(ROOT / "src")))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
