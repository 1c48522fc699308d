"""The result cache through the real CLI: unchanged files are not checked again; any change is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import clausecheck.batch
from clausecheck.batch import check_files
from clausecheck.cache import ResultCache, cache_folder
from clausecheck.rulebook import default_rulebook_path
from test_batch import contract, run_cli

pytestmark = pytest.mark.usefixtures("isolated")


def cache_entries(isolated: Path) -> list[Path]:
    return sorted((isolated.parent / "cache").rglob("*.json"))


def refuse(*arguments, **keywords):
    raise AssertionError("a file was checked although its result was cached")


def test_a_second_run_on_unchanged_files_reuses_every_result(isolated: Path, capsys, monkeypatch) -> None:
    for number in range(3):
        (isolated / f"c{number}.txt").write_text(contract(missing=("severability",) if number else (),
                                                           title=f"Agreement {number}"))
    (isolated / "broken.pdf").write_bytes(b"%PDF-1.7 garbage")
    first = run_cli(capsys, ".", "--format", "json")
    assert len(cache_entries(isolated)) == 4
    monkeypatch.setattr(clausecheck.batch, "run_in_workers", refuse)
    second = run_cli(capsys, ".", "--format", "json")
    assert second.exit_code == first.exit_code == 2
    assert second.json()["documents"] == first.json()["documents"]


def test_a_changed_file_is_checked_again(isolated: Path, capsys) -> None:
    path = isolated / "a.txt"
    path.write_text(contract())
    assert run_cli(capsys, "a.txt").exit_code == 0
    path.write_text(contract(missing=("ferpa-compliance",)))
    assert run_cli(capsys, "a.txt").exit_code == 1
    assert len(cache_entries(isolated)) == 2


def test_the_same_content_under_another_name_comes_from_the_cache_with_its_own_path(
        isolated: Path, capsys, monkeypatch) -> None:
    (isolated / "a.txt").write_text(contract())
    run_cli(capsys, "a.txt")
    (isolated / "copy.txt").write_bytes((isolated / "a.txt").read_bytes())
    monkeypatch.setattr(clausecheck.batch, "run_in_workers", refuse)
    result = run_cli(capsys, "copy.txt", "--format", "json")
    assert result.json()["documents"][0]["path"] == "copy.txt"


def test_no_cache_neither_reads_nor_writes_results(isolated: Path, capsys) -> None:
    (isolated / "a.txt").write_text(contract())
    assert run_cli(capsys, "a.txt", "--no-cache").exit_code == 0
    assert cache_entries(isolated) == []


def test_another_rulebook_does_not_reuse_results(isolated: Path, capsys) -> None:
    (isolated / "a.txt").write_text(contract())
    run_cli(capsys, "a.txt")
    lenient = default_rulebook_path().read_text().replace('version: "2.0"', 'version: "2.0-town"', 1)
    (isolated / "town.yaml").write_text(lenient)
    run_cli(capsys, "a.txt", "--rules", "town.yaml")
    assert len(cache_entries(isolated)) == 2


def test_a_damaged_cache_entry_is_ignored_and_replaced(isolated: Path, capsys) -> None:
    (isolated / "a.txt").write_text(contract(missing=("severability",)))
    run_cli(capsys, "a.txt")
    [entry] = cache_entries(isolated)
    entry.write_text('{"report": {"path": null, "findings": [')
    assert run_cli(capsys, "a.txt").exit_code == 1
    assert json.loads(entry.read_text())["report"]["sha256"]


def first_with_evidence(report: dict) -> dict:
    return next(finding for finding in report["findings"] if finding["evidence"])


@pytest.mark.parametrize("edit", [
    lambda report: first_with_evidence(report).update(waived="accepted by the board"),
    lambda report: first_with_evidence(report).update(baseline="baseline.json"),
    lambda report: first_with_evidence(report)["evidence"][0].pop("context"),
    lambda report: first_with_evidence(report)["evidence"][0].update(score=0.5, role="contradicts"),
], ids=["waived", "known", "without-context", "present-by-contradiction"])
def test_an_entry_that_is_not_what_a_check_writes_is_checked_again(isolated: Path, capsys, edit) -> None:
    (isolated / "a.txt").write_text(contract(missing=("severability",)))
    run_cli(capsys, "a.txt")
    [entry] = cache_entries(isolated)
    written = entry.read_text()
    data = json.loads(written)
    edit(data["report"])
    entry.write_text(json.dumps(data))
    assert run_cli(capsys, "a.txt").exit_code == 1
    assert entry.read_text() == written  # checked again and stored again


@pytest.mark.parametrize(("jobs", "timeout"), [(1, 0), (2, 60)], ids=["in this process", "in workers"])
def test_each_file_is_one_hit_or_one_miss(isolated: Path, rulebook, jobs: int, timeout: float) -> None:
    paths = []
    for number in range(3):
        (isolated / f"c{number}.txt").write_text(contract(title=f"Agreement {number}"))
        paths.append(str(isolated / f"c{number}.txt"))
    first, second = (ResultCache(isolated / "results", [rulebook.sha256], provisions=rulebook.provisions)
                     for _ in range(2))
    checked = check_files(paths, [rulebook], jobs=jobs, timeout=timeout, cache=first)
    reused = check_files(paths, [rulebook], jobs=jobs, timeout=timeout, cache=second)
    assert (first.hits, first.misses, second.hits, second.misses) == (0, 3, 3, 0)
    assert reused == checked


def test_a_file_stopped_by_the_time_limit_is_not_cached(isolated: Path, capsys, slow_checker: str) -> None:
    (isolated / "slow.txt").write_text(contract())
    result = run_cli(capsys, "slow.txt", "--timeout", "0.5")
    assert result.exit_code == 2
    assert cache_entries(isolated) == []


def test_the_cache_lives_in_the_platform_user_cache_folder_unless_overridden(monkeypatch) -> None:
    monkeypatch.delenv("CLAUSECHECK_CACHE_DIR")
    from platformdirs import user_cache_dir

    assert cache_folder() == Path(user_cache_dir("clausecheck", appauthor=False))
    monkeypatch.setenv("CLAUSECHECK_CACHE_DIR", "/somewhere")
    assert cache_folder() == Path("/somewhere")


def test_the_cache_key_changes_with_the_checker_identity(tmp_path: Path) -> None:
    from clausecheck.findings import DocumentReport

    report = DocumentReport(path="a.txt", sha256="ab" * 32, format="text")
    ResultCache(tmp_path, ["rulebook"], identity="1").put(report)
    assert ResultCache(tmp_path, ["rulebook"], identity="1").get("ab" * 32, "b.txt").path == "b.txt"
    assert ResultCache(tmp_path, ["rulebook"], identity="2").get("ab" * 32, "b.txt") is None
