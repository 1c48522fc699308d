"""Rulebooks: the YAML format, its validation and the compiled phrase patterns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clausecheck.rulebook.model import Example, PatternSpec, Provision, Rulebook

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["Example", "PatternSpec", "Provision", "Rulebook", "load_rulebook", "default_rulebook_path"]


def load_rulebook(path: str | Path | None) -> Rulebook:
    """The loader's, re-exported lazily to keep `import clausecheck.rulebook` cheap."""
    from clausecheck.rulebook.loader import load_rulebook as _load

    return _load(path)


def default_rulebook_path() -> Path:
    from clausecheck.rulebook.loader import default_rulebook_path as _default

    return _default()
