"""Machine formats through the real CLI: SARIF against the official schema, JUnit counts, GitHub
annotations, the Markdown summary, CSV, and several formats written at once."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import jsonschema
import pytest

from test_batch import contract, run_cli

pytestmark = pytest.mark.usefixtures("isolated")

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
PROVISIONS = 15  # in the bundled Connecticut rulebook


@pytest.fixture
def folder(isolated: Path) -> Path:
    """Two compliant contracts, one lacking two provisions, one with a conflict, one unreadable."""
    (isolated / "contracts").mkdir()
    (isolated / "contracts" / "good.txt").write_text(contract())
    (isolated / "contracts" / "good copy.md").write_text("# " + contract())
    (isolated / "contracts" / "lacking.txt").write_text(contract(missing=("severability", "ferpa-compliance")))
    (isolated / "contracts" / "conflict.txt").write_text(contract(conflict=("connecticut-law",)))
    (isolated / "contracts" / "broken.pdf").write_bytes(b"%PDF-1.7 garbage")
    return isolated


def test_sarif_output_validates_against_the_official_sarif_2_1_0_schema(folder: Path, capsys) -> None:
    result = run_cli(capsys, "contracts", "--format", "sarif")
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text()))
    run = log["runs"][0]
    assert len(run["tool"]["driver"]["rules"]) == PROVISIONS
    rule = next(rule for rule in run["tool"]["driver"]["rules"] if rule["id"] == "severability")
    assert "Conn. Gen. Stat." in rule["help"]["text"] and rule["properties"]["citation"]
    by_document: dict[str, set] = {}
    for item in run["results"]:
        uri = item["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        by_document.setdefault(uri, set()).add((item["ruleId"], item["properties"]["status"]))
    assert by_document == {"contracts/lacking.txt": {("severability", "missing"), ("ferpa-compliance", "missing")},
                           "contracts/conflict.txt": {("connecticut-law", "conflict")}}
    assert run["invocations"][0]["executionSuccessful"] is False
    [notification] = run["invocations"][0]["toolExecutionNotifications"]
    assert "broken.pdf" in notification["message"]["text"]


def test_sarif_results_carry_the_amendment_as_a_fix_and_the_quote_with_its_line(folder: Path, capsys) -> None:
    log = json.loads(run_cli(capsys, "contracts/conflict.txt", "--format", "sarif").stdout)
    [result] = log["runs"][0]["results"]
    assert result["level"] == "error"
    fix = result["fixes"][0]
    assert "State of Connecticut" in fix["description"]["text"]
    location = result["locations"][0]["physicalLocation"]
    quote = location["region"]["snippet"]["text"]
    line = (folder / "contracts" / "conflict.txt").read_text().splitlines()[location["region"]["startLine"] - 1]
    assert quote.split()[0] in line


def test_sarif_fingerprints_are_stable_across_runs_and_follow_the_content_not_the_path(folder: Path, capsys) -> None:
    def fingerprints(path: str) -> list[str]:
        log = json.loads(run_cli(capsys, path, "--format", "sarif", "--no-cache").stdout)
        return [item["partialFingerprints"]["clausecheckFinding/v1"] for item in log["runs"][0]["results"]]

    first = fingerprints("contracts/lacking.txt")
    assert first == fingerprints("contracts/lacking.txt")
    (folder / "moved.txt").write_bytes((folder / "contracts" / "lacking.txt").read_bytes())
    assert fingerprints("moved.txt") == first
    assert len(set(first)) == 2


def test_junit_xml_is_well_formed_and_its_counts_match_the_findings(folder: Path, capsys) -> None:
    result = run_cli(capsys, "contracts", "--format", "junit")
    root = ElementTree.fromstring(result.stdout.encode())
    suites = root.findall("testsuite")
    assert len(suites) == 5
    cases = root.findall("testsuite/testcase")
    assert int(root.get("tests")) == len(cases) == 4 * PROVISIONS + 1
    assert int(root.get("failures")) == len(root.findall(".//failure")) == 3
    assert int(root.get("errors")) == len(root.findall(".//error")) == 1
    for suite in suites:
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
    failed = {case.get("name").split(":")[0] for case in root.iter("testcase") if case.find("failure") is not None}
    assert failed == {"severability", "ferpa-compliance", "connecticut-law"}


def test_junit_xml_stays_well_formed_when_a_document_holds_control_characters(isolated: Path, capsys) -> None:
    text = contract(conflict=("connecticut-law",)).replace("State of California.", "State of\x0b California\x1b.")
    (isolated / "odd.txt").write_text(text)
    result = run_cli(capsys, "odd.txt", "--format", "junit")
    ElementTree.fromstring(result.stdout.encode())


def test_github_annotations_point_at_the_file_and_line_and_cannot_be_split_by_a_quote(isolated: Path, capsys) -> None:
    hostile = contract(conflict=("connecticut-law",)).replace(
        "State of California.", "State of California %0A::error file=x::owned.")
    (isolated / "hostile.txt").write_text(hostile)
    result = run_cli(capsys, "hostile.txt", "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == 1
    assert annotations[0].startswith("::error file=hostile.txt,line=")
    assert "%250A" in annotations[0]  # the quote's "%0A" arrives as text, not as a line break
    assert "title=clausecheck%3A Conflicts with the rulebook%3A" in annotations[0]


def test_github_annotations_report_an_unreadable_document_as_an_error(folder: Path, capsys) -> None:
    result = run_cli(capsys, "contracts/broken.pdf", "--format", "github")
    assert result.stdout.startswith("::error file=contracts/broken.pdf,title=clausecheck%3A unreadable document::")


def test_markdown_summary_leads_with_the_verdict_and_escapes_document_text(folder: Path, capsys) -> None:
    (folder / "contracts" / "x|<b>.txt").write_text(contract(missing=("severability",)))
    result = run_cli(capsys, "contracts", "--format", "markdown")
    first = result.stdout.splitlines()[0]
    assert first.startswith("## ⚠️ clausecheck: 1 of 6 documents could not be read")
    assert "| 6 | 2 | 3 | 1 | 0 |" in result.stdout
    assert "x\\|&lt;b&gt;.txt" in result.stdout and "<b>.txt" not in result.stdout
    assert "<details><summary><b>contracts/lacking.txt</b>" in result.stdout


def test_csv_has_a_row_per_document_and_provision_and_neutralises_formulas(isolated: Path, capsys) -> None:
    text = contract(missing=("connecticut-law",)) + ("\n=HYPERLINK(\"http://x\") This Agreement is governed by and "
                                                     "construed in accordance with the laws of the State of "
                                                     "California.\n")
    (isolated / "a.txt").write_text(text)
    (isolated / "b.pdf").write_bytes(b"%PDF-1.7 garbage")
    run_cli(capsys, "a.txt", "b.pdf", "--output", "csv=report.csv")
    raw = (isolated / "report.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(table) == PROVISIONS + 1
    law = next(row for row in table if row["provision"] == "connecticut-law")
    assert law["status"] == "conflict" and law["fails"] == "yes" and law["verdict"] == "fail"
    assert law["quote"].startswith("'=HYPERLINK")
    assert all(not row[column].startswith("=") for row in table for column in row)
    assert next(row for row in table if row["document"] == "b.pdf")["verdict"] == "unreadable"


def test_several_formats_at_once_machine_output_on_stdout_and_files(folder: Path, capsys) -> None:
    result = run_cli(capsys, "contracts", "--format", "json", "-o", "sarif=out.sarif", "-o", "junit=out.xml",
                     "-o", "markdown=summary.md", "-o", "github=annotations.txt", "-o", "text=report.txt")
    assert result.exit_code == 2
    assert len(json.loads(result.stdout)["documents"]) == 5
    assert json.loads((folder / "out.sarif").read_text())["version"] == "2.1.0"
    ElementTree.parse(folder / "out.xml")
    assert (folder / "summary.md").read_text().startswith("## ")
    assert (folder / "annotations.txt").read_text().startswith("::")
    assert "clausecheck summary" in (folder / "report.txt").read_text()
    assert "Documents" in result.stderr  # the summary table, for the person watching the log


def test_a_bare_output_path_takes_the_format_instead_of_stdout(folder: Path, capsys) -> None:
    result = run_cli(capsys, "contracts/good.txt", "--format", "json", "--output", "report.json")
    assert result.stdout == ""
    assert json.loads((folder / "report.json").read_text())["documents"][0]["path"] == "contracts/good.txt"


def test_an_unknown_output_format_or_two_reports_on_stdout_are_usage_errors(folder: Path, capsys) -> None:
    unknown = run_cli(capsys, "contracts/good.txt", "-o", "yaml=x.yaml")
    assert unknown.exit_code == 2 and "unknown format 'yaml'" in unknown.stderr
    assert run_cli(capsys, "contracts/good.txt", "-o", "sarif=-").exit_code == 2


def test_the_json_report_keeps_the_documented_shape(folder: Path, capsys) -> None:
    data = run_cli(capsys, "contracts/lacking.txt", "--format", "json").json()
    assert set(data["tool"]) >= {"name", "version"} and set(data["rulebook"]) >= {"id", "version"}
    document = data["documents"][0]
    assert set(document) >= {"path", "error", "pages", "findings"}
    finding = document["findings"][0]
    assert set(finding) >= {"provision", "title", "severity", "status", "score", "evidence", "amendment",
                            "citation", "waived"}
