"""Read a contract file once: its bytes and their SHA-256, from which every later step works.

Telling the format, parsing, the result cache, the OCR page cache and the report's `sha256` all use the
same bytes, so nothing opens the file again and the hash always describes what was read, even if the
file changes meanwhile. Only a regular file is read (never a FIFO or a device: see regular_files.py),
and at most MAX_DOCUMENT_BYTES of it, since it is held in memory while it is checked.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field

from clausecheck.errors import InputError

MAX_DOCUMENT_BYTES = 256 * 2**20


@dataclass(frozen=True)
class SourceFile:
    """A contract file as read: where it was, its bytes and their SHA-256 (hexadecimal)."""

    path: str
    data: bytes = field(repr=False)
    sha256: str


def read_source(path: str | os.PathLike[str]) -> SourceFile:
    """Read the file at `path`; raise InputError, naming what to do, if it cannot be read."""
    from clausecheck.regular_files import TooLarge, read_regular

    path = os.fspath(path)
    check_readable_file(path)
    try:
        data = read_regular(path, MAX_DOCUMENT_BYTES)
    except TooLarge:
        raise InputError(path, f"is larger than {MAX_DOCUMENT_BYTES // 2**20} MB, far larger than a "
                               "contract; check that it is the right file") from None
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror}); check the file") from None
    return SourceFile(path, data, hashlib.sha256(data).hexdigest())


def check_readable_file(path: str) -> None:
    """Raise InputError unless `path` is a file this process can read."""
    try:
        info = os.stat(path)
    except ValueError:
        raise InputError(path.replace("\x00", "\\0"), "a file name cannot contain a NUL character") from None
    except FileNotFoundError:
        raise InputError(path, "does not exist; check the path and try again") from None
    except PermissionError:
        raise InputError(path, "cannot be accessed (permission denied); check its permissions") from None
    except OSError as error:
        raise InputError(path, f"cannot be accessed ({error.strerror}); check the path") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, "is a directory, not a file; pass the contract files inside it")
    if not stat.S_ISREG(info.st_mode):
        from clausecheck.regular_files import kind_of

        raise InputError(path, f"is {kind_of(info.st_mode)}, not a regular file; it was not read - pass a "
                               "PDF, .docx or text file")
    if not os.access(path, os.R_OK):
        raise InputError(path, "cannot be read (permission denied); check its permissions")
