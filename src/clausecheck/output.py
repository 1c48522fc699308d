"""Write reports, letters, baselines and cache entries without ever damaging a file.

A regular file is written atomically (a temporary file beside it, then a rename), so a reader never
sees half a report and a failure leaves no debris. A character device or a pipe (`/dev/null`, a FIFO,
`/dev/stdout`) is written in place: replacing it with a regular file would break the system (as root,
in a CI container, it would replace `/dev/null` itself). A symbolic link is followed, and its target
replaced atomically beside itself. A folder, a block device or a socket is refused, and so is any file
the run reads (a contract, a rulebook, the settings): a report never replaces its own input.

Every target is checked by `output_target` before a run does any work, so a mistyped path fails in a
second, not after an hour of checking. `OUTPUTS` remembers what was written, so an interrupted run can
say what it left behind.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from clausecheck.errors import OutputError

STANDARD_OUTPUT = "standard output"
# Names of an already open file descriptor: writing there must go to that descriptor as it is.
_DESCRIPTOR_NAME = re.compile(r"^/(?:dev/fd|proc/self/fd)/(\d+)$")
_STREAM_NAMES = {"/dev/stdout": 1, "/dev/stderr": 2}


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


@dataclass
class OutputLog:
    """What a run promised to write and what it has written, for the message after an interruption."""

    planned: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)

    def plan(self, shown: str) -> None:
        if shown not in self.planned:
            self.planned.append(shown)

    def done(self, shown: str) -> None:
        self.plan(shown)
        if shown not in self.written:
            self.written.append(shown)

    def account(self) -> str:
        """"wrote a.json; not written: b.sarif" for the user, or what to expect when nothing was."""
        pending = [name for name in self.planned if name not in self.written]
        parts = []
        if self.written:
            parts.append("wrote " + ", ".join(self.written))
        if pending:
            parts.append("not written: " + ", ".join(pending))
        return "; ".join(parts) or "no file was written"


OUTPUTS = OutputLog()


class Identities:
    """Files a run reads, by device and inode (and by path, for those that do not exist yet)."""

    def __init__(self, paths: Iterable[str | os.PathLike | None] = ()) -> None:
        self._inodes: dict[tuple[int, int], str] = {}
        self._paths: dict[str, str] = {}
        self.add(paths)

    def add(self, paths: Iterable[str | os.PathLike | None]) -> None:
        for path in paths:
            if path is None:
                continue
            shown = os.fspath(path)
            try:
                info = os.stat(shown)
            except (OSError, ValueError):
                self._paths.setdefault(_real(shown), shown)
                continue
            if stat.S_ISREG(info.st_mode):
                self._inodes.setdefault((info.st_dev, info.st_ino), shown)

    def holds(self, info: os.stat_result | None, real: str) -> str | None:
        """The name of the input that is this file, or None."""
        if info is not None and (info.st_dev, info.st_ino) in self._inodes:
            return self._inodes[(info.st_dev, info.st_ino)]
        return self._paths.get(real)


def _real(path: str) -> str:
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return os.path.abspath(path)


@dataclass(frozen=True)
class OutputTarget:
    """A checked place to write: a regular file (written atomically), a stream written in place (a
    device or a pipe), or an open descriptor (/dev/stdout)."""

    shown: str  # as the user named it
    path: str  # where the bytes go: a symbolic link's final target
    kind: str  # "file" | "stream" | "descriptor"
    descriptor: int | None = None

    def write(self, content: str | bytes) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        try:
            if self.kind == "descriptor":
                for stream in (sys.stdout, sys.stderr):  # what Python holds for the descriptor goes first
                    stream.flush()
                _write_all(self.descriptor, data)
            elif self.kind == "stream":
                with open(self.path, "wb", buffering=0) as stream:
                    _write_all(stream.fileno(), data)
            else:
                _replace(self.path, data)
        except OSError as error:
            raise OutputError(self.shown, f"cannot be written ({error.strerror or error}); nothing was "
                                          "written there") from None
        OUTPUTS.done(self.shown)


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view):]


def output_target(path: str | os.PathLike, inputs: Identities | None = None) -> OutputTarget:
    """Check that `path` can take an output, before any work is done; raise OutputError saying why not.

    `inputs` are the files the run reads: none of them may be written.
    """
    shown = os.fspath(path)
    if "\x00" in shown:
        raise OutputError(shown.replace("\x00", "\\0"), "a file name cannot contain a NUL character")
    if not shown:
        raise OutputError("''", "give a file name")
    descriptor = _descriptor(shown)
    if descriptor is not None:
        try:
            os.fstat(descriptor)
        except OSError:
            raise OutputError(shown, f"descriptor {descriptor} is not open") from None
        return OutputTarget(shown, shown, "descriptor", descriptor)
    real = _real(shown)
    try:
        info = os.stat(shown)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise OutputError(shown, f"cannot be used for output ({error.strerror})") from None
    if info is not None:
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            raise OutputError(shown, "is a folder; give the name of a file to write, e.g. "
                                     f"{os.path.join(shown, 'report.json')}")
        if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
            return OutputTarget(shown, real, "stream")
        if not stat.S_ISREG(mode):
            kind = "a block device" if stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else \
                "not a regular file"
            raise OutputError(shown, f"is {kind}; refusing to write a report there - give a file name")
    owner = inputs.holds(info, real) if inputs is not None else None
    if owner is not None:
        raise OutputError(shown, f"is an input of this run ({owner}); writing there would replace it - "
                                 "choose another file name")
    folder = os.path.dirname(real) or "."
    if not os.path.isdir(folder):
        raise OutputError(shown, f"the folder {os.path.dirname(shown) or folder} does not exist; create it "
                                 "first")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(shown, f"cannot write in the folder {folder} (permission denied)")
    return OutputTarget(shown, real, "file")


def _descriptor(shown: str) -> int | None:
    if shown in _STREAM_NAMES:
        return _STREAM_NAMES[shown]
    match = _DESCRIPTOR_NAME.match(shown)
    return int(match.group(1)) if match else None


def _replace(path: str, data: bytes) -> None:
    """Write `data` to the regular file `path` through a temporary file beside it and a rename; an
    existing file keeps its permissions."""
    folder = os.path.dirname(path) or "."
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = 0o666 & ~_umask()  # mkstemp makes 0600; a report is for others to read too
    handle, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomic(path: str | os.PathLike, content: str | bytes, inputs: Identities | None = None) -> None:
    """Write `content` to `path` as `output_target` allows: atomically for a regular file or a symbolic
    link's target, in place for a device or pipe; raise OutputError for anything else."""
    output_target(path, inputs).write(content)


def replace_entry(path: str | os.PathLike, content: str | bytes, root: str | os.PathLike) -> None:
    """Write a file of the tool's own (a cache entry) atomically under `root`, never through a symbolic
    link: a restored cache folder is input, and a link planted in it must not redirect a write."""
    real_root = os.path.realpath(root)
    folder = os.path.dirname(os.fspath(path))
    if os.path.realpath(folder) != os.path.join(real_root, os.path.relpath(folder, root)):
        raise OutputError(os.fspath(path), "the cache folder holds a symbolic link; refusing to write there")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        _replace(os.fspath(path), data)
    except OSError as error:
        raise OutputError(os.fspath(path), f"cannot be written ({error.strerror})") from None


def write_standard_output(content: str | bytes) -> None:
    """Write to standard output; a full disk or a closed pipe is an OutputError, not a traceback."""
    try:
        if isinstance(content, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(content)
        else:
            sys.stdout.write(content)
        sys.stdout.flush()
    except OSError as error:
        raise standard_output_error(error) from None
    OUTPUTS.done(STANDARD_OUTPUT)


def standard_output_error(error: OSError) -> OutputError:
    """The error for a failed write to standard output; later writes go nowhere, so that Python's own
    flush at exit does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    reason = "the reader closed the pipe" if error.errno == errno.EPIPE else (error.strerror or str(error))
    return OutputError(STANDARD_OUTPUT, f"cannot be written ({reason}); the report is incomplete")
