"""One name per output format, its file extension, and the writer that makes it."""

from __future__ import annotations

import sys
from pathlib import Path

from clausecheck.letters.layout import Composition

FORMATS = ("docx", "markdown", "txt", "html")
EXTENSIONS = {"docx": ".docx", "markdown": ".md", "txt": ".txt", "html": ".html"}
ALIASES = {"md": "markdown", "text": "txt", "htm": "html", "word": "docx"}


def format_name(name: str, allowed: tuple[str, ...] = FORMATS) -> str:
    """The canonical format name for `name` ('md' -> 'markdown'), or raise UsageError."""
    from clausecheck.errors import UsageError

    canonical = ALIASES.get(name.lower(), name.lower())
    if canonical not in allowed:
        raise UsageError(f"--format must be one of {', '.join(allowed)}, not '{name}'")
    return canonical


def render(composition: Composition, format: str) -> bytes:
    """The file contents of `composition` in `format`."""
    if format == "docx":
        from clausecheck.letters.render_docx import to_docx

        return to_docx(composition)
    from clausecheck.letters.render_text import WRITERS

    return WRITERS[format](composition).encode("utf-8")


def write_output(target: str | Path, content: bytes, format: str) -> str:
    """Write `content` to the file `target` atomically, or to standard output when `target` is '-';
    return where it went, for the user."""
    from clausecheck.errors import UsageError

    if str(target) == "-":
        if format == "docx":
            raise UsageError("a DOCX file cannot go to standard output; choose a file with --output")
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return "standard output"
    from clausecheck.output import write_atomic

    write_atomic(target, content)
    return str(target)
