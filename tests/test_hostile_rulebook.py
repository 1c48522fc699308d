"""Hostile and mistaken rulebooks (issue 11): a fuzzy threshold of -50, .inf or .nan, a gap with
thousands of digits and a pattern of 3,000 words are refused at load with the rulebook's file:line, by
`check` (exit 2, one line) and by `rules lint`; a pattern of many wide gaps is matched in bounded time."""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile import clausecheck, one_line_error
from test_batch import contract

HEAD = "id: hostile\nversion: \"1\"\ntitle: A hostile rulebook\nextends: ct-student-data-privacy\n"
PROVISION = """provisions:
  - id: odd-rule
    title: An odd rule
    severity: warning
    required: false
    policy: a test
    check: phrase
    satisfy:
      - "{pattern}"
"""
PATTERN_LINE = HEAD.count("\n") + PROVISION.count("\n")  # the line of the pattern, 1-based


def rulebook(folder: Path, *, fuzzy: str | None = None, pattern: str = "delete ..8 data") -> Path:
    text = HEAD + (f"fuzzy: {fuzzy}\n" if fuzzy is not None else "") + PROVISION.format(pattern=pattern)
    path = folder / "r.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "c.txt").write_text(contract(missing=("student-content-control",)))
    return tmp_path


@pytest.mark.parametrize("value", ["-50", ".inf", "-.inf", ".nan", "1.0e+400"])
def test_a_fuzzy_threshold_that_is_no_similarity_is_refused_at_its_line(folder: Path, value: str) -> None:
    rulebook(folder, fuzzy=value)
    error = one_line_error(clausecheck("c.txt", "--rules", "r.yaml", cwd=folder, timeout=60))
    assert "r.yaml:5:" in error and "fuzzy must be a similarity from 50 to 100" in error
    lint = clausecheck("rules", "lint", "r.yaml", cwd=folder, timeout=60)
    assert lint.code != 0 and "r.yaml:5: error: fuzzy must be a similarity" in " ".join(lint.stdout.split())


@pytest.mark.parametrize("pattern, message", [
    ("delete .." + "9" * 3000 + " data", "is too wide (at most ..60)"),
    ("delete ..61 data", "is too wide (at most ..60)"),
    (" ".join(["word"] * 3000), "has more than 60 words: a pattern is a phrase to find, not a passage"),
])
def test_a_gap_too_wide_or_a_pasted_passage_is_refused_at_its_line(folder: Path, pattern: str, message: str) -> None:
    rulebook(folder, pattern=pattern)
    error = one_line_error(clausecheck("c.txt", "--rules", "r.yaml", cwd=folder, timeout=60))
    assert f"r.yaml:{PATTERN_LINE}:" in error and message in error
    lint = clausecheck("rules", "lint", "r.yaml", cwd=folder, timeout=60)
    assert lint.code != 0 and f"r.yaml:{PATTERN_LINE}: error:" in lint.stdout


def test_a_pattern_of_many_wide_gaps_is_matched_in_bounded_time(folder: Path) -> None:
    """Eight ..60 gaps over a clause of 20,000 matching words and no final word: a backtracking matcher
    tries 60^8 paths per start; the matcher remembers gap positions and ends in seconds."""
    rulebook(folder, pattern=" ..60 ".join(["the"] * 8) + " ..60 zzzqqq")
    (folder / "long.txt").write_text("Provider shall " + " ".join(["the"] * 20_000) + ".\n", encoding="utf-8")
    run = clausecheck("long.txt", "--rules", "r.yaml", "--no-cache", "--timeout", "60", "-f", "json", cwd=folder,
                      timeout=90)
    assert run.code == 1, run.stderr
    [document] = run.json()["documents"]
    assert document["error"] is None
    assert {f["provision"]: f["status"] for f in document["findings"]}["odd-rule"] == "missing"
