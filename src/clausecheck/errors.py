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


def read_user_file(path: str | os.PathLike, what: str, error: type[ClauseCheckError] = ConfigError,
                   missing: str = "") -> str:
    """The UTF-8 text of a file the user named (rulebook, settings, waivers, baseline), or one clear
    error of type `error` that says which file and what is wrong; `missing` adds what to do if absent."""
    from pathlib import Path

    source = str(path)
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(source, f"no such {what} file" + (f"; {missing}" if missing else "")) from None
    except IsADirectoryError:
        raise error(source, f"is a folder; give the {what} file") from None
    except (OSError, UnicodeDecodeError) as problem:
        raise error(source, f"cannot read the {what} ({problem.__class__.__name__})") from None
