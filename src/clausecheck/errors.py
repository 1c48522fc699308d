"""Errors a user can cause; the CLI catches them once and prints one clear line."""

from __future__ import annotations

import os


class ClauseCheckError(Exception):
    """Base of every error the user can cause (bad input, bad rulebook, bad options)."""


class InputError(ClauseCheckError):
    """A document that cannot be read: the message names the file and what to do."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.reason = message


class RulebookError(ClauseCheckError):
    """A rulebook that cannot be used: the message names the file and line."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.reason = message


class UsageError(ClauseCheckError):
    """Options that do not fit together or point at nothing usable."""


class ConfigError(ClauseCheckError):
    """A settings, waivers or baseline file that cannot be used: the message names the file and line."""

    def __init__(self, path: str | os.PathLike, message: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {message}")
        self.path = str(path)
        self.line = line
        self.reason = message
