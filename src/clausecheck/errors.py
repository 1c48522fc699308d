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


class OutputError(ClauseCheckError):
    """A place a report, letter or baseline cannot be written: the message names it and says why."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.reason = message


MAX_USER_FILE_BYTES = 64 * 2**20  # far more than any rulebook, settings, waivers or baseline file


def read_user_file(path: str | os.PathLike, what: str, error: type[ClauseCheckError] = ConfigError,
                   missing: str = "") -> str:
    """The UTF-8 text of a file the user named (rulebook, settings, waivers, baseline), or one clear
    error of type `error` that says which file and what is wrong; `missing` adds what to do if absent."""
    from clausecheck.regular_files import read_regular

    source = str(path)
    try:
        return read_regular(path, MAX_USER_FILE_BYTES).decode("utf-8")
    except FileNotFoundError:
        raise error(source, f"no such {what} file" + (f"; {missing}" if missing else "")) from None
    except IsADirectoryError:
        raise error(source, f"is a folder; give the {what} file") from None
    except ValueError as problem:  # a NUL in the name, or text that is not UTF-8
        if isinstance(problem, UnicodeDecodeError):
            raise error(source, f"cannot read the {what} (not UTF-8 text)") from None
        raise error(source.replace("\x00", "\\0"), "a file name cannot contain a NUL character") from None
    except OSError as problem:
        raise error(source, f"cannot read the {what} ({problem.strerror or problem.__class__.__name__})") from None
