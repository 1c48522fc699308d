"""One validator for the YAML files users write: rulebooks, settings, waivers and letter templates.

Each mistake is one error naming the file and line: a key nobody reads (with the closest known key), a
value of the wrong kind in YAML's words ("must be a list, not a text"), a value outside its choices, a
date that is no date. The files' own rules (what a waiver must name, what a rulebook's check kind needs)
stay with their readers; this is what they share.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NoReturn

from clausecheck.yaml_lines import LineMapping

ErrorFactory = Callable[[str, str, "int | None"], Exception]
TypeSpec = type | tuple[type, ...]


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """" (did you mean 'fail-on'?)" when a known word is close to `word`, else ""."""
    close = difflib.get_close_matches(word.replace("_", "-"), list(known), n=1, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def yaml_kind(python_type: type) -> str:
    """What the file's author wrote, in YAML's words: a mapping, a list, a text, a number, true or false."""
    for kind, words in ((bool, "true or false"), (dict, "a mapping"), (list, "a list"), (str, "a text"),
                        (int, "a number"), (float, "a number"), (datetime.date, "a date")):
        if issubclass(python_type, kind):
            return words
    return "empty" if python_type is type(None) else python_type.__name__


def _allows(expected: TypeSpec, value: object) -> bool:
    kinds = expected if isinstance(expected, tuple) else (expected,)
    if isinstance(value, bool) and bool not in kinds:
        return False  # YAML's true is no number
    return isinstance(value, kinds)


class UserFile:
    """The mistakes found in one user file, each raised as `error(path, message, line)`.

    `line_of(mapping, key)` finds where a key stands; by default a mapping read by `load_yaml` knows.
    """

    def __init__(self, path: str, error: ErrorFactory,
                 line_of: Callable[[Any, str | None], int | None] | None = None) -> None:
        self.path = path
        self.error = error
        self._line_of = line_of

    def fail(self, message: str, line: int | None) -> NoReturn:
        raise self.error(self.path, message, line)

    def line_of(self, mapping: Any, key: str | None = None) -> int | None:
        if self._line_of is not None:
            return self._line_of(mapping, key)
        if isinstance(mapping, LineMapping):
            return mapping.key_lines.get(key, mapping.line) if key is not None else mapping.line
        return None

    def keys(self, mapping: Any, allowed: Mapping[str, TypeSpec], what: str, line: int | None,
             name: str = "key") -> None:
        """`mapping` is a mapping whose keys are all `allowed`, each holding a value of its type."""
        if not isinstance(mapping, dict):
            self.fail(f"{what} must be a mapping, not {yaml_kind(type(mapping))}", line)
        for key, value in mapping.items():
            key_line = self.line_of(mapping, str(key)) or line
            if key not in allowed:
                self.fail(f"unknown {name} '{key}'{did_you_mean(str(key), allowed)} in {what} "
                          f"(known: {', '.join(sorted(allowed))})", key_line)
            expected = allowed[key]
            if not _allows(expected, value):
                names = " or ".join(dict.fromkeys(yaml_kind(kind) for kind in (
                    expected if isinstance(expected, tuple) else (expected,))))
                self.fail(f"'{key}' in {what} must be {names}, not {yaml_kind(type(value))}", key_line)

    def required(self, mapping: Mapping, keys: Iterable[str], what: str, line: int | None, why: str = "") -> None:
        for key in keys:
            if key not in mapping:
                self.fail(f"{what} has no '{key}'" + (f"; {why}" if why else ""), line)

    def text(self, mapping: Mapping, key: str, what: str, file_name: bool = False) -> str:
        """A non-empty text; for a file name or pattern, one without a NUL character."""
        value = mapping[key]
        if not isinstance(value, str) or not value.strip():
            self.fail(f"'{key}' in {what} must be a non-empty text, not {_shown(value)}", self.line_of(mapping, key))
        if file_name and "\x00" in value:
            self.fail(f"'{key}' in {what} holds a NUL character, which no file name can", self.line_of(mapping, key))
        return value

    def texts(self, mapping: Mapping, key: str, what: str, file_names: bool = False) -> list[str]:
        """A text or a list of non-empty texts, as a list."""
        value = mapping[key]
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(item, str) and item.strip() for item in items):
            self.fail(f"'{key}' in {what} must be a text or a list of texts", self.line_of(mapping, key))
        if file_names and any("\x00" in item for item in items):
            self.fail(f"'{key}' in {what} holds a NUL character, which no file name or pattern can",
                      self.line_of(mapping, key))
        return list(items)

    def choice(self, mapping: Mapping, key: str, allowed: Iterable[str], what: str) -> str:
        value = mapping[key]
        allowed = tuple(allowed)
        if value not in allowed:
            hint = did_you_mean(value, allowed) if isinstance(value, str) else ""
            self.fail(f"'{key}' in {what} must be one of {', '.join(allowed)}, not {_shown(value)}{hint}",
                      self.line_of(mapping, key))
        return value

    def date(self, mapping: Mapping, key: str, what: str) -> datetime.date:
        """A real calendar date, written YYYY-MM-DD (YAML reads it as a date; a quoted one is a text)."""
        value = mapping[key]
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.fail(f"'{key}' in {what} must be a date as YYYY-MM-DD, not {_shown(value)}", self.line_of(mapping, key))


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
