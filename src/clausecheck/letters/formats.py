"""One name per output format, its file extension, and the writer that makes it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from clausecheck.letters.composition import Composition

if TYPE_CHECKING:
    from clausecheck.output import Identities

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


def input_files(*paths: str | Path | None) -> Identities:
    """The files a letter or notice is made from (and the settings that apply), which it must never
    overwrite."""
    from clausecheck.config import find_config
    from clausecheck.output import Identities

    return Identities([*paths, find_config()])


def check_output(target: str | Path, format: str, inputs: Identities) -> None:
    """Fail now, before any work, if `target` cannot take the output (see clausecheck.output)."""
    from clausecheck.errors import UsageError
    from clausecheck.output import OUTPUTS, STANDARD_OUTPUT, output_target

    if str(target) == "-":
        if format == "docx":
            raise UsageError("a DOCX file cannot go to standard output; choose a file with --output")
        OUTPUTS.plan(STANDARD_OUTPUT)
        return
    output_target(target, inputs)
    OUTPUTS.plan(str(target))


def write_output(target: str | Path, content: bytes, format: str, inputs: Identities | None = None) -> str:
    """Write `content` to the file `target` (atomically, or in place for a device or pipe), or to
    standard output when `target` is '-'; return where it went, for the user."""
    from clausecheck.output import output_target, write_standard_output

    check_output(target, format, inputs or input_files())
    if str(target) == "-":
        write_standard_output(content)
        return "standard output"
    output_target(target, inputs).write(content)
    return str(target)
