"""Mistakes people make at the command line, and the terminal report they read: a typo is not a path,
errors reach standard error even when the report is redirected, and the report's counts, marks, labels
and cuts say exactly what they mean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clausecheck.report.formats import shorten
from hostile import clausecheck, one_line_error
from test_batch import contract


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "c.txt").write_text(contract(missing=("severability",), conflict=("connecticut-law",)))
    return tmp_path


@pytest.mark.parametrize("typo, meant", [("chek", "check"), ("lettr", "letter"), ("rule", "rules"),
                                         ("notices", "notice")])
def test_a_mistyped_command_is_named_and_nothing_is_checked(folder: Path, typo: str, meant: str) -> None:
    line = one_line_error(clausecheck(typo, "c.txt", cwd=folder))
    assert f"unknown command '{typo}' (did you mean '{meant}'?)" in line
    assert not (folder / ".cache-for-test").exists()


def test_a_contract_whose_name_looks_like_a_command_is_still_checked(folder: Path) -> None:
    (folder / "chek").write_text(contract())
    assert clausecheck("chek", cwd=folder).code == 0


@pytest.mark.parametrize("arguments", [[], ["-f", "json"], ["-o", "report.json"]])
def test_an_unreadable_file_is_reported_on_standard_error_when_the_report_is_redirected(
        folder: Path, arguments: list[str]) -> None:
    run = clausecheck("missing.pdf", "c.txt", *arguments, cwd=folder)
    assert run.code == 2
    assert "error: missing.pdf: does not exist" in run.stderr


def rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if re.match(r"^ [✘?!–~≈✔] ", line)]


def test_the_headline_counts_are_the_red_rows_below_it(folder: Path) -> None:
    report = clausecheck("c.txt", cwd=folder).stdout
    headline = re.search(r"(\d+) in conflict, (\d+) missing, (\d+) to review", report)
    marks = [row.split()[1] for row in rows(report)]
    assert headline and (marks.count("CONFLICT"), marks.count("missing"), marks.count("review")) == \
        tuple(int(number) for number in headline.groups())


def test_operator_duties_the_contract_is_silent_on_are_not_marked_as_failures(tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_text(contract(missing=("no-profiling",)))
    run = clausecheck("c.txt", cwd=tmp_path)
    assert run.code == 0
    silent = [row for row in rows(run.stdout) if "no-profiling" in row or "No profile" in row]
    assert silent and silent[0].startswith(" – silent")
    assert "bind the operator by statute anyway" in " ".join(run.stdout.split())


def test_a_conflict_labels_its_contradicting_and_satisfying_quotes(tmp_path: Path) -> None:
    rulebook_examples = contract(conflict=("breach-notification",))
    (tmp_path / "c.txt").write_text(rulebook_examples + "\n\nThe Provider shall notify the District within "
                                    "forty-eight (48) hours of any breach of student data.\n")
    words = " ".join(clausecheck("c.txt", cwd=tmp_path).stdout.split())
    assert "Contradicts: “" in words and "Satisfies: “" in words


def test_verbose_shows_the_quotes_of_present_provisions_and_plain_does_not(folder: Path) -> None:
    plain = clausecheck("c.txt", cwd=folder).stdout
    verbose = clausecheck("c.txt", "--verbose", cwd=folder).stdout
    present = [index for index, line in enumerate(plain.splitlines()) if line.startswith(" ✔ present")]
    assert present and "Satisfies:" not in "\n".join(plain.splitlines()[present[0]:])
    assert verbose.count("Satisfies:") > plain.count("Satisfies:")


def test_a_batch_lists_each_contract_on_one_line_and_details_only_the_failing(tmp_path: Path) -> None:
    for number in range(6):
        (tmp_path / f"good{number}.txt").write_text(contract(title=f"Agreement {number}"))
    (tmp_path / "bad.txt").write_text(contract(missing=("severability",)))
    run = clausecheck(".", cwd=tmp_path)
    lines = run.stdout.splitlines()
    listed = [line for line in lines if re.match(r"^(PASS|FAIL)  +\S+\.txt  +\d+ conflict", line)]
    assert len(listed) == 7
    assert [line for line in lines if line.startswith("─")] == [next(line for line in lines if "bad.txt" in line
                                                                     and line.startswith("─"))]
    everything = clausecheck(".", "--verbose", cwd=tmp_path).stdout
    assert sum(line.startswith("─") for line in everything.splitlines()) == 7


def test_quotes_are_cut_at_a_word_boundary() -> None:
    text = "The Provider shall notify the District of any unauthorised disclosure of student information " * 4
    cut = shorten(text, 100)
    assert len(cut) <= 100 and cut.endswith("…")
    assert text.startswith(cut[:-1]) and text[len(cut) - 1] == " "
