"""Which files a run checks: folders searched recursively, globs matched from where they start, and the
settings' include and exclude globs read as .gitignore patterns, without regard to case."""

from __future__ import annotations

from pathlib import Path

import pytest

from clausecheck.discovery import FileSelection, collect_files

FILES = ("a.pdf", "B.PDF", "notes.txt", ".hidden.pdf", "~$lock.docx", "drafts/c.pdf", "2024/d.pdf",
         "2024/drafts/e.pdf", "2024/old/f.docx", "2024/g-old.pdf")


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def found(inputs: list[str], include: tuple[str, ...] = ("*.pdf", "*.docx"),
          exclude: tuple[str, ...] = ()) -> list[str]:
    selection = FileSelection(include, exclude, Path.cwd())
    return sorted(Path(path).as_posix() for path in collect_files(inputs, selection).files)


def test_a_folder_gives_its_included_files_at_any_depth_in_any_case_but_hidden_ones(tree: Path) -> None:
    assert found(["."]) == ["2024/d.pdf", "2024/drafts/e.pdf", "2024/g-old.pdf", "2024/old/f.docx", "B.PDF",
                            "a.pdf", "drafts/c.pdf"]


def test_an_exclude_without_a_slash_names_a_folder_or_file_at_any_depth(tree: Path) -> None:
    assert found(["."], exclude=("drafts/", "*-old.pdf")) == ["2024/d.pdf", "2024/old/f.docx", "B.PDF", "a.pdf"]


def test_an_exclude_with_a_slash_starts_at_the_root(tree: Path) -> None:
    assert found(["."], exclude=("/drafts/*", "2024/**/*.docx")) == [
        "2024/d.pdf", "2024/drafts/e.pdf", "2024/g-old.pdf", "B.PDF", "a.pdf"]


def test_a_command_line_glob_matches_from_where_it_starts(tree: Path) -> None:
    assert found(["*.pdf"]) == ["B.PDF", "a.pdf"]
    assert found(["2024/**/*.pdf"]) == ["2024/d.pdf", "2024/drafts/e.pdf", "2024/g-old.pdf"]


def test_a_named_file_is_checked_unless_excluded(tree: Path) -> None:
    assert found(["notes.txt"]) == ["notes.txt"]
    assert found(["drafts/c.pdf"], exclude=("drafts/",)) == []
