"""Batch checks through the real CLI: folders, globs, skipped files, unreadable files, time limits, jobs.

The helpers at the top (`run_cli`, `contract`) are shared by the other batch test modules.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest

from clausecheck.cli import main
from clausecheck.rulebook import load_rulebook

pytestmark = pytest.mark.usefixtures("isolated")


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> dict:
        return json.loads(self.stdout)


def run_cli(capsys: pytest.CaptureFixture, *arguments: str) -> CliResult:
    """Run `clausecheck ARGUMENTS...` in this process, as a user would from the working directory."""
    capsys.readouterr()
    try:
        main([str(argument) for argument in arguments])
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    captured = capsys.readouterr()
    return CliResult(code, captured.out, captured.err)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@lru_cache(maxsize=1)
def bundled_rulebook():
    return load_rulebook(None)


def contract(*, missing: tuple[str, ...] = (), conflict: tuple[str, ...] = (), title: str = "Vendor agreement") -> str:
    """A contract made of the bundled rulebook's own examples: every provision present, except the
    `missing` ones, plus the conflicting example of each `conflict` provision."""
    rulebook = bundled_rulebook()
    clauses = []
    for provision in rulebook.provisions:
        examples = {example.expect: example.text for example in reversed(provision.examples)}
        if provision.id in conflict:
            clauses.append(examples["conflict"])
        elif provision.id not in missing:
            clauses.append(examples["present"])
    body = "\n\n".join(f"{number}. {clause}" for number, clause in enumerate(clauses, 1))
    return f"{title}\n\n{body}\n"


def rows(result: CliResult) -> dict[str, dict]:
    return {document["path"]: document for document in result.json()["documents"]}


def test_a_compliant_contract_passes_and_a_contract_lacking_a_provision_fails(isolated: Path, capsys) -> None:
    (isolated / "good.txt").write_text(contract())
    (isolated / "bad.txt").write_text(contract(missing=("breach-notification",)))
    assert run_cli(capsys, "check", "good.txt", "--format", "json").exit_code == 0
    result = run_cli(capsys, "check", "bad.txt", "--format", "json")
    assert result.exit_code == 1
    finding = next(f for f in result.json()["documents"][0]["findings"] if f["provision"] == "breach-notification")
    assert finding["status"] == "missing"


def test_a_folder_with_a_corrupt_pdf_and_an_empty_file_reports_both_in_their_rows_and_exits_2(
        isolated: Path, capsys) -> None:
    folder = isolated / "contracts"
    (folder / "signed").mkdir(parents=True)
    (folder / "good.txt").write_text(contract())
    (folder / "signed" / "lacking.txt").write_text(contract(missing=("severability",)))
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.7 garbage")
    (folder / "empty.txt").write_bytes(b"")
    result = run_cli(capsys, "contracts", "--format", "json", "--jobs", "2")
    assert result.exit_code == 2
    documents = rows(result)
    assert set(documents) == {"contracts/good.txt", "contracts/signed/lacking.txt", "contracts/corrupt.pdf",
                              "contracts/empty.txt"}
    assert documents["contracts/corrupt.pdf"]["error"] and not documents["contracts/corrupt.pdf"]["findings"]
    assert "empty" in documents["contracts/empty.txt"]["error"]
    assert documents["contracts/good.txt"]["error"] is None and len(documents["contracts/good.txt"]["findings"]) == 15
    assert documents["contracts/signed/lacking.txt"]["error"] is None
    assert result.json()["summary"] == {"documents": 4, "compliant": 1, "with_findings": 1, "unreadable": 2,
                                        "waived": 0, "known": 0, "failing": 3}


def test_the_summary_table_goes_to_stderr_when_stdout_carries_a_machine_format(isolated: Path, capsys) -> None:
    (isolated / "a.txt").write_text(contract())
    (isolated / "b.txt").write_text(contract(missing=("ferpa-compliance",)))
    result = run_cli(capsys, ".", "--format", "json")
    json.loads(result.stdout)  # nothing but the report on stdout
    assert "Documents" in result.stderr and "Unreadable" in result.stderr
    text = run_cli(capsys, ".")
    assert "Compliant" in text.stdout and "FAIL" in text.stdout and "PASS" in text.stdout


def test_hidden_folders_hidden_files_and_office_lock_files_are_skipped(isolated: Path, capsys) -> None:
    (isolated / ".git").mkdir()
    (isolated / ".git" / "notes.txt").write_text("not a contract")
    (isolated / ".draft.txt").write_text(contract())
    (isolated / "~$lease.docx").write_bytes(b"\x00lock")
    (isolated / "lease.txt").write_text(contract())
    (isolated / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = run_cli(capsys, ".", "--format", "json")
    assert list(rows(result)) == ["lease.txt"]
    assert result.exit_code == 0


def test_globs_folders_and_files_can_be_mixed_and_each_file_is_checked_once(isolated: Path, capsys) -> None:
    for name in ("2023/a.txt", "2023/b.md", "2024/c.txt", "2024/nested/d.TXT"):
        (isolated / name).parent.mkdir(parents=True, exist_ok=True)
        (isolated / name).write_text(contract())
    result = run_cli(capsys, "2024/**/*.txt", "2023", "2023/a.txt", "--format", "json")
    assert sorted(rows(result)) == ["2023/a.txt", "2023/b.md", "2024/c.txt", "2024/nested/d.TXT"]


def test_a_pattern_that_matches_nothing_and_a_missing_file_are_error_rows(isolated: Path, capsys) -> None:
    (isolated / "a.txt").write_text(contract())
    result = run_cli(capsys, "a.txt", "nothing/*.pdf", "gone.pdf", "--format", "json")
    assert result.exit_code == 2
    documents = rows(result)
    assert documents["a.txt"]["error"] is None
    assert "matches no contract file" in documents["nothing/*.pdf"]["error"]
    assert "does not exist" in documents["gone.pdf"]["error"]


def test_a_folder_without_contracts_is_a_usage_error(isolated: Path, capsys) -> None:
    (isolated / "empty").mkdir()
    result = run_cli(capsys, "empty")
    assert result.exit_code == 2
    assert "no contract files found" in result.stderr


def test_a_file_over_the_time_limit_is_stopped_and_the_others_are_still_checked(isolated: Path, capsys,
                                                                                  slow_checker: str) -> None:
    # The stand-in checker sleeps two minutes on slow.txt; with a one-second limit it is stopped, its
    # worker killed, and the other files are checked.
    (isolated / "slow.txt").write_text(contract())
    for name in ("a.txt", "b.txt", "c.txt"):
        (isolated / name).write_text(contract())
    started = time.monotonic()
    result = run_cli(capsys, ".", "--format", "json", "--timeout", "1", "--jobs", "2", "--no-cache")
    assert time.monotonic() - started < 30
    assert result.exit_code == 2
    documents = rows(result)
    assert "took longer than 1 s" in documents["slow.txt"]["error"]
    assert documents["slow.txt"]["sha256"] == sha256_of(isolated / "slow.txt")  # of the bytes it was given
    assert all(documents[name]["error"] is None for name in ("a.txt", "b.txt", "c.txt"))


def test_one_job_and_two_jobs_give_the_same_reports(isolated: Path, capsys) -> None:
    for number in range(5):
        (isolated / f"c{number}.txt").write_text(contract(missing=("severability",) if number % 2 else ()))
    one = run_cli(capsys, ".", "--format", "json", "--jobs", "1", "--timeout", "0", "--no-cache").json()
    two = run_cli(capsys, ".", "--format", "json", "--jobs", "2", "--no-cache").json()
    assert one["documents"] == two["documents"]


@pytest.mark.parametrize("fail_on, expected", [("review", 1), ("missing", 1), ("conflict", 0), ("never", 0)])
def test_fail_on_sets_the_lowest_status_that_fails(isolated: Path, capsys, fail_on: str, expected: int) -> None:
    (isolated / "lacking.txt").write_text(contract(missing=("connecticut-law",)))
    assert run_cli(capsys, "lacking.txt", "--fail-on", fail_on).exit_code == expected


def test_a_conflict_fails_even_at_the_conflict_threshold(isolated: Path, capsys) -> None:
    (isolated / "conflict.txt").write_text(contract(conflict=("connecticut-law",)))
    result = run_cli(capsys, "conflict.txt", "--fail-on", "conflict", "--format", "json")
    assert result.exit_code == 1
    statuses = {f["provision"]: f["status"] for f in result.json()["documents"][0]["findings"]}
    assert statuses["connecticut-law"] == "conflict"


def test_bad_options_are_usage_errors(isolated: Path, capsys) -> None:
    (isolated / "a.txt").write_text(contract())
    assert run_cli(capsys, "a.txt", "--fail-on", "sometimes").exit_code == 2
    assert run_cli(capsys, "a.txt", "--format", "yaml").exit_code == 2
    assert run_cli(capsys, "a.txt", "--jobs", "0").exit_code == 2


def test_input_files_are_never_modified(isolated: Path, capsys) -> None:
    path = isolated / "a.txt"
    path.write_text(contract(missing=("severability",)))
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    run_cli(capsys, "a.txt", "-o", "sarif=a.sarif", "-o", "csv=a.csv", "--write-baseline", "base.json")
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before


def test_a_file_that_kills_its_worker_is_reported_and_the_others_are_still_checked(
        isolated: Path, capsys, monkeypatch) -> None:
    import clausecheck.batch
    import clausecheck.runner

    if clausecheck.batch._context().get_start_method() != "fork":
        pytest.skip("workers inherit the stand-in crash only when they are forked")
    real_check = clausecheck.runner.check_file

    def crash_on_hostile(path, rulebooks, *reading):
        if "hostile" in str(path):
            os._exit(139)
        return real_check(path, rulebooks, *reading)

    monkeypatch.setattr(clausecheck.runner, "check_file", crash_on_hostile)
    for name in ("a.txt", "hostile.txt", "b.txt", "c.txt"):
        (isolated / name).write_text(contract(title=name))
    result = run_cli(capsys, ".", "--format", "json", "--jobs", "2", "--no-cache")
    assert result.exit_code == 2
    documents = rows(result)
    assert "the checker stopped while reading this file (exit code 139)" in documents["hostile.txt"]["error"]
    assert documents["hostile.txt"]["sha256"] == sha256_of(isolated / "hostile.txt")
    assert all(documents[name]["error"] is None for name in ("a.txt", "b.txt", "c.txt"))
