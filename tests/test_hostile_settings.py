"""Mistaken and hostile settings, waivers, baselines, calendars, saved reports and cache entries: each is
one file:line error with exit 2 (exit 1 would blame the contracts), and a tampered cache entry is
checked afresh, never trusted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hostile import clausecheck, one_line_error
from test_batch import contract


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "c.txt").write_text(contract(missing=("student-content-control",)))
    return tmp_path


WAIVER = """waivers:
  - document: c.txt
    provision: student-content-control
    reason: accepted
    approved-by: the board
    expires: {expires}
"""


@pytest.mark.parametrize("file, text, arguments, where", [
    ("w.yaml", WAIVER.format(expires="2027-06-31"), ["--waivers", "w.yaml"], "w.yaml:6:"),
    (".clausecheck.yaml", "fail-on: review\ntimeout: 2027-06-31\n", [], ".clausecheck.yaml:2:"),
    (".clausecheck.yaml", "jobs: " + "9" * 5000 + "\n", [], ".clausecheck.yaml:1:"),
    (".clausecheck.yaml", "timeout: .nan\n", [], ".clausecheck.yaml:1:"),
    (".clausecheck.yaml", "timeout: .inf\n", [], ".clausecheck.yaml:1:"),
    (".clausecheck.yaml", 'waivers: "w\\0.yaml"\n', [], ".clausecheck.yaml:1:"),
    (".clausecheck.yaml", "include: " + "[" * 5000 + "\n", [], ".clausecheck.yaml"),
    ("pyproject.toml", "[tool.clausecheck]\ntimeout = 2027-06-31\n", [], "pyproject.toml:2:"),
    ("w.yaml", WAIVER.format(expires="2027-06-30").replace("c.txt", '"c\\0.txt"'), ["--waivers", "w.yaml"],
     "w.yaml:2:"),
])
def test_an_impossible_value_in_a_settings_file_is_one_file_line_error(
        folder: Path, file: str, text: str, arguments: list[str], where: str) -> None:
    (folder / file).write_text(text)
    assert where in one_line_error(clausecheck("c.txt", *arguments, cwd=folder, timeout=60))


@pytest.mark.parametrize("value", ["nan", "inf"])  # a negative one is click's range error
def test_a_timeout_that_is_not_a_number_of_seconds_is_refused(folder: Path, value: str) -> None:
    assert "--timeout" in one_line_error(clausecheck("c.txt", "--timeout", value, cwd=folder))


@pytest.mark.parametrize("text, message", [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"clausecheck_baseline": 2, "findings": [{"path": "c\\u0000.txt", "sha256": "' + "a" * 64
     + '", "provision": "severability", "status": "missing"}]}', "NUL"),
    ('{"clausecheck_baseline": 2, "findings": [{"path": "c.txt", "sha256": "x", "provision": "p", '
     '"status": "missing"}]}',
     "sha256"),
    ('{"clausecheck_baseline": 2, "findings": [{"path": "c.txt", "sha256": "' + "a" * 64
     + '", "provision": "p", "status": "fine"}]}', "status"),
])
def test_a_broken_baseline_is_one_line_and_exit_2(folder: Path, text: str, message: str) -> None:
    (folder / "baseline.json").write_text(text)
    assert message in one_line_error(clausecheck("c.txt", "--baseline", "baseline.json", cwd=folder))


def test_an_impossible_date_in_a_district_calendar_is_its_file_and_line(folder: Path) -> None:
    (folder / "closures.txt").write_text("2024-12-24 Winter recess\n2027-06-31 Storm day\n")
    run = clausecheck("notice", "--signed", "2024-12-20", "--purpose", "Reading", "--vendor", "Acme", "--data", "name",
                      "--district", "Millbrook", "--calendar", "closures.txt", "-o", "-", cwd=folder)
    assert "closures.txt:2:" in one_line_error(run)


def test_a_deeply_nested_saved_report_is_one_line_and_exit_2(folder: Path) -> None:
    (folder / "report.json").write_text("[" * 100_000)
    run = clausecheck("letter", "--report", "report.json", "--district", "Millbrook", "-o", "-", "-f", "md", cwd=folder)
    assert "report.json" in one_line_error(run)


# --- The cache is input ------------------------------------------------------------------------------

def entry(folder: Path) -> Path:
    [path] = (folder / ".cache-for-test").rglob("*.json")
    return path


def tamper(path: Path, change) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def everything_present(data: dict) -> None:
    for finding in data["report"]["findings"]:
        finding["status"], finding["amendment"] = "present", ""


def claim_other_content(data: dict) -> None:
    data["report"]["sha256"] = "0" * 64


def wrong_types(data: dict) -> None:
    data["report"]["findings"][0]["score"] = "high"


def unknown_status(data: dict) -> None:
    for finding in data["report"]["findings"]:
        finding["status"] = "compliant"


def drop_findings(data: dict) -> None:
    data["report"]["findings"] = []


@pytest.mark.parametrize("change",
                         [everything_present, claim_other_content, wrong_types, unknown_status, drop_findings])
def test_an_edited_cache_entry_is_a_miss_and_the_contract_still_fails(folder: Path, change) -> None:
    assert clausecheck("c.txt", cwd=folder).code == 1
    tamper(entry(folder), change)
    run = clausecheck("c.txt", "-f", "json", cwd=folder)
    assert run.code == 1
    assert {f["provision"]: f["status"]
            for f in run.documents["c.txt"]["findings"]}["student-content-control"] == "missing"


@pytest.mark.parametrize("content", ["{not json", "[" * 100_000, '{"cache_format": 3, "report": null}', ""])
def test_a_malformed_cache_entry_is_a_miss_not_a_traceback(folder: Path, content: str) -> None:
    assert clausecheck("c.txt", cwd=folder).code == 1
    entry(folder).write_text(content)
    assert clausecheck("c.txt", cwd=folder).code == 1


def test_a_cache_entry_that_is_a_link_to_dev_zero_is_a_miss_not_a_hang(folder: Path) -> None:
    assert clausecheck("c.txt", cwd=folder).code == 1
    path = entry(folder)
    path.unlink()
    path.symlink_to("/dev/zero")
    assert clausecheck("c.txt", cwd=folder, timeout=60).code == 1


# --- The baseline knows findings by path and content, and calls them known ------------------------------

def test_a_baseline_knows_a_finding_by_path_and_content_and_never_calls_it_waived(folder: Path) -> None:
    assert clausecheck("c.txt", "--write-baseline", "baseline.json", cwd=folder).code == 0
    known = clausecheck("c.txt", "--baseline", "baseline.json", cwd=folder)
    words = " ".join(known.stdout.split())
    assert known.code == 0 and words.startswith("─") and "KNOWN" in words and "known (baseline)" in words
    assert "waived" not in words.lower() and "PASS" not in words
    (folder / "copy.txt").write_bytes((folder / "c.txt").read_bytes())
    copied = clausecheck("copy.txt", "--baseline", "baseline.json", cwd=folder)
    assert copied.code == 1  # the same content under another name is new


def test_a_folder_with_known_failures_is_not_called_compliant(folder: Path) -> None:
    (folder / "contracts").mkdir()
    (folder / "c.txt").rename(folder / "contracts" / "c.txt")
    (folder / "contracts" / "good.txt").write_text(contract())
    clausecheck("contracts", "--write-baseline", "baseline.json", cwd=folder)
    run = clausecheck("contracts", "--baseline", "baseline.json", "-f", "markdown", cwd=folder)
    assert run.code == 0
    title = run.stdout.splitlines()[0]
    assert "comply" not in title and "passed" not in title and "known findings" in title
    summary = json.loads(
        clausecheck("contracts", "--baseline", "baseline.json", "-f", "json", cwd=folder).stdout)["summary"]
    assert summary["compliant"] == 1 and summary["known"] == 1 and summary["waived"] == 0


def test_no_baseline_overrides_the_settings_baseline(folder: Path) -> None:
    clausecheck("c.txt", "--write-baseline", "baseline.json", cwd=folder)
    (folder / ".clausecheck.yaml").write_text("baseline: baseline.json\n")
    assert clausecheck("c.txt", cwd=folder).code == 0
    assert clausecheck("c.txt", "--no-baseline", cwd=folder).code == 1
