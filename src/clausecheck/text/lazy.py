"""Regular expressions compiled on first use, so that importing the modules that hold them stays cheap."""

from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """A regular expression compiled the first time it is used; it behaves as the compiled `re.Pattern`.

    clausecheck imports every check on every run, and compiling the patterns of a check whose clauses a
    document never contains would cost that run for nothing.
    """

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source, self._flags, self._compiled = source, flags, None

    def __getattr__(self, name: str) -> Any:  # an attribute of the compiled re.Pattern
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return getattr(self._compiled, name)
