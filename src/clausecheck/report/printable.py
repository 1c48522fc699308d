"""Neutralise control characters in text a report shows: a file name or a quote from a hostile document
must not move the cursor, recolour or retitle a terminal, hide text (bidirectional overrides) or start
a GitHub workflow command. Each such character is shown as a visible escape such as `\\x1b`."""

from __future__ import annotations

import re

# C0 controls (but tab and line breaks, which callers treat as space), DEL, C1 controls, and the
# bidirectional embedding, override and isolate marks that reorder what a reader sees.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("[\t\n\r\x85\u2028\u2029]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object) -> str:
    """`text` with every control character shown as an escape; line breaks and tabs kept."""
    value = str(text)
    return _CONTROLS.sub(_escape, value) if _CONTROLS.search(value) else value


def printable_line(text: object) -> str:
    """`text` on one line: control characters escaped and line breaks shown as escapes too."""
    value = printable(text)
    return _LINE_BREAKS.sub(_escape, value) if _LINE_BREAKS.search(value) else value
