"""Find the contracts to check: files named on the command line, folders searched recursively, and glob
patterns, with the settings' `include` and `exclude` globs, matched as .gitignore patterns are (pathspec).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pathspec

from clausecheck.findings import DocumentReport

GLOB_CHARACTERS = re.compile(r"[*?\[]")
LOCK_FILE_PREFIX = "~$"  # Word's lock file beside an open document on a shared drive


@lru_cache(maxsize=64)
def _spec(patterns: tuple[str, ...]) -> pathspec.PathSpec:
    """Globs as .gitignore reads them: one without "/" matches a name at any depth, one with "/" the path
    from the root, `**` spans folders, a trailing "/" only folders. Matching ignores case (both sides are
    lowered), so "*.pdf" takes "CONTRACT.PDF"."""
    return pathspec.PathSpec.from_lines("gitignore", [_anchored(pattern).lower() for pattern in patterns])


def _anchored(pattern: str) -> str:
    """"./drafts/*" means "drafts/*" from the root (a leading "/" already says so to .gitignore)."""
    return pattern[2:] if pattern.startswith("./") else pattern


@dataclass(frozen=True)
class FileSelection:
    """Which files a folder contributes: `include` globs, minus `exclude` globs, relative to `root`.
    Exclusions apply to files named on the command line too."""

    include: tuple[str, ...]
    exclude: tuple[str, ...]
    root: Path = field(default_factory=Path.cwd)

    @cached_property
    def _root(self) -> Path:
        return self.root.resolve()

    def relative(self, path: Path) -> str:
        absolute = Path(os.path.abspath(path))
        try:
            return absolute.relative_to(self._root).as_posix()
        except ValueError:
            return absolute.as_posix().lstrip("/")

    def excluded(self, path: Path, folder: bool = False) -> bool:
        return bool(self.exclude) and _spec(self.exclude).match_file(
            self.relative(path).lower() + ("/" if folder else ""))

    def included(self, path: Path) -> bool:
        return _spec(self.include).match_file(self.relative(path).lower())


def _hidden(name: str) -> bool:
    return name.startswith(".") or name.startswith(LOCK_FILE_PREFIX)


def _walk(folder: Path, selection: FileSelection) -> list[str]:
    found = []
    for current, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders
                            if not _hidden(name) and not selection.excluded(Path(current, name), folder=True))
        for name in sorted(files):
            path = Path(current, name)
            if not _hidden(name) and selection.included(path) and not selection.excluded(path):
                found.append(str(path))
    return found


def _expand_glob(pattern: str, selection: FileSelection) -> list[str]:
    """The files a glob pattern names, matched from where it starts (as a shell does) and without regard
    to case like the include globs; a folder it names gives every contract inside. Hidden files and
    folders are skipped."""
    parts = Path(pattern).parts
    literal = []
    for part in parts:
        if GLOB_CHARACTERS.search(part):
            break
        literal.append(part)
    base = Path(*literal) if literal else Path(".")
    if not base.is_dir():
        return []
    spec = _spec(("/" + _anchored(Path(pattern).as_posix()).lstrip("/"),))

    def named(path: Path, folder: bool = False) -> bool:
        return spec.match_file(_anchored(path.as_posix()).lstrip("/").lower() + ("/" if folder else ""))

    found = []
    for current, folders, files in os.walk(base):
        keep = []
        for name in sorted(folders):
            folder = Path(current, name)
            if _hidden(name) or selection.excluded(folder, folder=True):
                continue
            if named(folder, folder=True):
                found += _walk(folder, selection)
            else:
                keep.append(name)
        folders[:] = keep
        for name in sorted(files):
            path = Path(current, name)
            if not _hidden(name) and named(path) and selection.included(path) and not selection.excluded(path):
                found.append(str(path))
    return found


@dataclass(frozen=True)
class Collected:
    """The files to check, and the inputs that gave none (each becomes a report row)."""

    files: tuple[str, ...]
    unmatched: tuple[DocumentReport, ...] = ()
    empty_folders: tuple[str, ...] = ()


def collect_files(inputs: Iterable[str | os.PathLike], selection: FileSelection) -> Collected:
    """Files named, found in folders (recursively, skipping hidden ones) and matched by glob patterns.

    A named file is checked even when `include` would not take it, but never when `exclude` names it;
    a path that does not exist is kept, so that its report row says so.
    """
    files: list[str] = []
    unmatched: list[DocumentReport] = []
    empty: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            files.append(path)

    for raw in inputs:
        argument = os.fspath(raw)
        path = Path(argument)
        if path.is_dir():
            walked = _walk(path, selection)
            if not walked:
                empty.append(argument)
            for item in walked:
                add(item)
        elif not path.exists() and GLOB_CHARACTERS.search(argument):
            chosen = _expand_glob(argument, selection)
            if not chosen:
                unmatched.append(DocumentReport(path=argument, error="matches no contract file; check the "
                                                                     "pattern and the include/exclude settings"))
            for item in chosen:
                add(item)
        elif not selection.excluded(path):
            add(argument)
    return Collected(tuple(files), tuple(unmatched), tuple(empty))
