"""Waivers and the baseline through the real CLI: accepted deviations pass, expired or unused ones are
reported, and a baseline lets a district adopt the tool without failing on what it already knows."""

from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path

import pytest

from test_batch import contract, rows, run_cli

pytestmark = pytest.mark.usefixtures("isolated")

FUTURE = (datetime.date.today() + datetime.timedelta(days=365)).isoformat()
PAST = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()


def waiver(document: str = "contracts/acme.txt", provision: str = "student-content-control", expires: str = FUTURE,
           key: str = "document") -> str:
    return (f"  - {key}: {document}\n    provision: {provision}\n"
            "    reason: Acme's master agreement lets families export their work, which the board read.\n"
            "    approved-by: Board of Education, vote of 2024-05-12\n"
            f"    expires: {expires}\n")


def setup_acme(isolated: Path) -> Path:
    (isolated / "contracts").mkdir()
    path = isolated / "contracts" / "acme.txt"
    path.write_text(contract(missing=("student-content-control",)))
    return path


def finding(result, provision: str, document: str = "contracts/acme.txt") -> dict:
    return next(f for f in rows(result)[document]["findings"] if f["provision"] == provision)


def test_a_waived_finding_is_shown_as_waived_and_does_not_fail_the_run(isolated: Path, capsys) -> None:
    setup_acme(isolated)
    (isolated / "waivers.yaml").write_text("waivers:\n" + waiver())
    assert run_cli(capsys, "contracts").exit_code == 1
    result = run_cli(capsys, "contracts", "--waivers", "waivers.yaml", "--format", "json")
    assert result.exit_code == 0
    waived = finding(result, "student-content-control")
    assert waived["status"] == "missing" and "Board of Education, vote of 2024-05-12" in waived["waived"]
    text = run_cli(capsys, "contracts", "--waivers", "waivers.yaml")
    assert "waived" in text.stdout and "PASS" in text.stdout


def test_a_waiver_can_name_the_document_by_its_content_hash(isolated: Path, capsys) -> None:
    path = setup_acme(isolated)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    (isolated / "waivers.yaml").write_text("waivers:\n" + waiver(digest[:16], key="sha256"))
    (isolated / "contracts" / "moved").mkdir()
    path.rename(isolated / "contracts" / "moved" / "acme-2024.txt")
    assert run_cli(capsys, "contracts", "--waivers", "waivers.yaml").exit_code == 0
    (isolated / "contracts" / "moved" / "acme-2024.txt").write_text(
        contract(missing=("student-content-control",), title="Amended"))
    assert run_cli(capsys, "contracts", "--waivers", "waivers.yaml").exit_code == 1


def test_an_expired_waiver_no_longer_applies_and_is_reported(isolated: Path, capsys) -> None:
    setup_acme(isolated)
    (isolated / "waivers.yaml").write_text("waivers:\n" + waiver(expires=PAST))
    result = run_cli(capsys, "contracts", "--waivers", "waivers.yaml", "--format", "json")
    assert result.exit_code == 1
    assert finding(result, "student-content-control")["waived"] is None
    assert (f"waivers.yaml:2: the waiver for contracts/acme.txt / student-content-control expired on {PAST}"
            in result.stderr)
    assert any("expired" in notice for notice in result.json()["notices"])


def test_an_unused_waiver_and_one_naming_a_missing_file_are_reported(isolated: Path, capsys) -> None:
    setup_acme(isolated)
    (isolated / "waivers.yaml").write_text("waivers:\n" + waiver() + waiver(provision="no-advertising-use")
                                           + waiver(document="contracts/gone.pdf"))
    result = run_cli(capsys, "contracts", "--waivers", "waivers.yaml")
    assert result.exit_code == 0
    assert "waivers.yaml:7: the waiver for contracts/acme.txt / no-advertising-use waives nothing" in result.stdout
    assert ("waivers.yaml:12: the waiver for contracts/gone.pdf / student-content-control names a file that "
            "does not exist" in result.stdout)


def test_a_waiver_without_an_approver_or_for_an_unknown_provision_is_an_error_with_its_line(
        isolated: Path, capsys) -> None:
    setup_acme(isolated)
    (isolated / "waivers.yaml").write_text(
        "waivers:\n" + waiver().replace("    approved-by: Board of Education, vote of 2024-05-12\n", ""))
    result = run_cli(capsys, "contracts", "--waivers", "waivers.yaml")
    assert result.exit_code == 2 and "waivers.yaml:2: the waiver has no 'approved-by'" in result.stderr
    (isolated / "waivers.yaml").write_text("waivers:\n" + waiver(provision="severabilty"))
    result = run_cli(capsys, "contracts", "--waivers", "waivers.yaml")
    assert result.exit_code == 2
    assert "waivers.yaml:3: unknown provision 'severabilty' (did you mean 'severability'?)" in result.stderr
    (isolated / "waivers.yaml").write_text("waivers:\n" + waiver(expires="next June"))
    result = run_cli(capsys, "contracts", "--waivers", "waivers.yaml")
    assert result.exit_code == 2 and (
        "waivers.yaml:6: 'expires' in a waiver must be a date as YYYY-MM-DD" in result.stderr)


def test_the_waivers_file_can_come_from_the_settings(isolated: Path, capsys) -> None:
    setup_acme(isolated)
    (isolated / "contracts" / "waivers.yaml").write_text("waivers:\n" + waiver(document="acme.txt"))
    (isolated / ".clausecheck.yaml").write_text("waivers: contracts/waivers.yaml\n")
    assert run_cli(capsys, "contracts").exit_code == 0


def test_waived_findings_are_suppressed_in_sarif_and_skipped_in_junit(isolated: Path, capsys) -> None:
    setup_acme(isolated)
    (isolated / "waivers.yaml").write_text("waivers:\n" + waiver())
    sarif = json.loads(run_cli(capsys, "contracts", "--waivers", "waivers.yaml", "--format", "sarif").stdout)
    [result] = sarif["runs"][0]["results"]
    assert result["suppressions"][0]["status"] == "accepted"
    junit = run_cli(capsys, "contracts", "--waivers", "waivers.yaml", "--format", "junit").stdout
    assert 'skipped="1"' in junit and 'failures="0"' in junit


def test_a_baseline_adopts_the_tool_on_a_folder_and_only_new_problems_fail(isolated: Path, capsys) -> None:
    setup_acme(isolated)
    # 72 hours: the policy's
    (isolated / "contracts" / "beta.txt").write_text(contract(conflict=("breach-notification",)))
    written = run_cli(capsys, "contracts", "--write-baseline", "baseline.json")
    assert written.exit_code == 0
    entries = json.loads((isolated / "baseline.json").read_text())["findings"]
    assert {(entry["path"], entry["provision"]) for entry in entries} == {
        ("contracts/acme.txt", "student-content-control"), ("contracts/beta.txt", "breach-notification")}

    assert run_cli(capsys, "contracts", "--baseline", "baseline.json").exit_code == 0
    (isolated / "contracts" / "gamma.txt").write_text(contract(missing=("ferpa-compliance",)))
    result = run_cli(capsys, "contracts", "--baseline", "baseline.json", "--format", "json")
    assert result.exit_code == 1
    failing = {path for path, document in rows(result).items()
               if any(f["status"] != "present" and not f["waived"] and not f["baseline"] and f["required"]
                      for f in document["findings"])}
    assert failing == {"contracts/gamma.txt"}
    known = {path for path, document in rows(result).items() if any(f["baseline"] for f in document["findings"])}
    assert known == {"contracts/acme.txt", "contracts/beta.txt"}
    assert not any(f["waived"] for document in rows(result).values() for f in document["findings"])


def test_a_changed_contract_is_judged_afresh_and_fixed_ones_are_noted(isolated: Path, capsys) -> None:
    path = setup_acme(isolated)
    run_cli(capsys, "contracts", "--write-baseline", "baseline.json")
    path.write_text(contract(missing=("student-content-control",), title="Renegotiated agreement"))
    assert run_cli(capsys, "contracts", "--baseline", "baseline.json").exit_code == 1
    path.write_text(contract())
    result = run_cli(capsys, "contracts", "--baseline", "baseline.json")
    assert result.exit_code == 0
    assert "1 baseline entries no longer occur" in result.stdout


def test_a_baseline_that_is_not_one_is_an_error(isolated: Path, capsys) -> None:
    setup_acme(isolated)
    (isolated / "baseline.json").write_text('{"findings": [\n  {"fingerprint": 1,}\n]}')
    result = run_cli(capsys, "contracts", "--baseline", "baseline.json")
    assert result.exit_code == 2 and "baseline.json:2: not valid JSON" in result.stderr
    assert run_cli(capsys, "contracts", "--baseline", "nothing.json").exit_code == 2
