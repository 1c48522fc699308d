"""Open only regular files: never block on a FIFO, never read a device such as /dev/zero without end.

A FIFO or a device named like a contract (`contract.txt` -> /dev/zero) would hang a run or exhaust its
memory the moment it is read. Files are opened without blocking and checked after opening (so a file
swapped after a check cannot slip through), and reads stop at a size limit.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO


class NotRegularFile(OSError):
    """The path names a folder, a FIFO, a device or a socket, not a file with contents."""

    def __init__(self, path: str, kind: str) -> None:
        super().__init__(f"{path} is {kind}")
        self.kind = kind
        self.strerror = f"it is {kind}, not a regular file"


class TooLarge(OSError):
    def __init__(self, path: str, limit: int) -> None:
        super().__init__(f"{path} is larger than {limit} bytes")
        self.strerror = f"larger than {limit // 2**20} MB"


def kind_of(mode: int) -> str:
    """"a folder", "a FIFO (named pipe)", "a character device" ... for a file mode."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a regular file" if stat.S_ISREG(mode) else "not a regular file"


def open_regular(path: str | os.PathLike, follow_links: bool = True) -> BinaryIO:
    """Open `path` for reading in binary mode if it is a regular file (after following links, unless
    `follow_links` is False: then a link is an OSError); raise NotRegularFile for anything else, and
    OSError or ValueError (a NUL in the name) as `open` would."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(os.fspath(path), kind_of(mode))
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_regular(path: str | os.PathLike, limit: int, follow_links: bool = True) -> bytes:
    """The bytes of the regular file `path`; TooLarge past `limit` bytes (refused before reading when
    the file's size says so)."""
    with open_regular(path, follow_links) as handle:
        if os.fstat(handle.fileno()).st_size > limit:
            raise TooLarge(os.fspath(path), limit)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(os.fspath(path), limit)
    return data
