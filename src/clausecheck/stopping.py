"""Stop a run cleanly on Ctrl-C, SIGTERM or SIGHUP (what `timeout`, `docker stop` and CI cancellation send).

The signal becomes a `Stopped` exception in the main process (for Ctrl-C too: typer would turn a
KeyboardInterrupt into a silent exit), so the worker processes are ended on the way out and the run
says what it did and did not write.
"""

from __future__ import annotations

import signal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import FrameType

STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Stopped(BaseException):
    """The run was told to stop by a signal (a BaseException, so that no `except Exception` hides it)."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number

    @property
    def name(self) -> str:
        return signal.Signals(self.number).name

    @property
    def words(self) -> str:
        """What happened, for the user: "interrupted" for Ctrl-C, else "stopped by SIGTERM"."""
        return "interrupted" if self.number == signal.SIGINT else f"stopped by {self.name}"

    @property
    def exit_code(self) -> int:
        return 128 + self.number  # as a shell reports a process ended by that signal


def _raise_stopped(number: int, frame: FrameType | None) -> None:
    raise Stopped(number)


def stop_on_signals() -> None:
    """In the main process: Ctrl-C, SIGTERM and SIGHUP raise Stopped (Ctrl-C only where it is not
    ignored, as in a background job)."""
    for number in STOP_SIGNALS:
        signal.signal(number, _raise_stopped)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _raise_stopped)


def default_signals() -> None:
    """In a worker process: Ctrl-C is ignored (the main process handles it) and SIGTERM or SIGHUP end
    the worker at once, as they did before the main process took them over."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for number in STOP_SIGNALS:
        signal.signal(number, signal.SIG_DFL)
