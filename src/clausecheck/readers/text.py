"""Read a plain-text or Markdown contract: paragraphs split on blank lines, headings and list items."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from clausecheck.document import Document, DocumentBuilder
from clausecheck.errors import InputError
from clausecheck.readers.encoding import decode_text
from clausecheck.readers.hyphenation import Vocabulary
from clausecheck.readers.lines import Line, is_header_row, table_row
from clausecheck.readers.paragraphs import BlockAssembler

if TYPE_CHECKING:
    from clausecheck.readers.source_file import SourceFile

MAX_TEXT_BYTES = 50 * 1024 * 1024

# Every pattern here runs in time linear in the line, whatever the line holds (a hostile file of
# unclosed "[x](" or of spaces must not backtrack for minutes): link text and targets stop at the next
# bracket, and an ATX heading's closing hashes are removed in Python, not by a lazy pattern.
_ATX_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*)$")
_SETEXT_UNDERLINE = re.compile(r"^(=+|-+)[ \t]*$")
_RULE = re.compile(r"^[ \t]*(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|={3,})$")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_TABLE_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
_BLOCKQUOTE = re.compile(r"^[ \t]*>[ \t]?")
_IMAGE_OR_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\([^()\[\]\s]*+(?:\s+\"[^\"\n]*+\")?\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)([^*_\n]+?)\1(?![\w*])")
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
_ALPHANUMERIC = re.compile(r"[^\W_]")


def read_text(source: SourceFile, format: str = "text") -> Document:
    """Read the text or Markdown (`format` "markdown") file `source`."""
    path = source.path
    if len(source.data) > MAX_TEXT_BYTES:
        raise InputError(path, f"is a text file over {MAX_TEXT_BYTES // 2**20} MB, far larger than a "
                               "contract; check that it is the right file")
    text = decode_text(source.data)
    if text is None:
        raise InputError(path, "is not readable text (binary content or an unknown encoding); save it "
                               "as UTF-8 text, .docx or PDF and try again")
    lines = list(_markdown_lines(text) if format == "markdown" else _text_lines(text))
    builder = DocumentBuilder()
    assembler = BlockAssembler(builder, Vocabulary(text))
    assembler.add_lines(lines)
    assembler.flush()
    from clausecheck.readers.source_lines import with_source_lines

    return with_source_lines(builder.build(path, format), text)


def _text_lines(text: str) -> Iterator[Line]:
    raw_lines = text.replace("\f", "\n\n").splitlines()
    # In text saved from a web page or a word processor each line is a whole paragraph, and headings
    # stand between them without blank lines; in hard-wrapped text a line is part of a paragraph.
    wraps = None if _hard_wrapped(raw_lines) else False
    gap = True
    in_table = False
    for raw in raw_lines:
        stripped = raw.strip()
        if not _ALPHANUMERIC.search(stripped):  # blank, or a rule such as "-----" or "*****"
            gap = True
            continue
        cells = stripped.strip("|").split(" | ") if " | " in stripped else []
        if len(cells) >= 2:  # "Termination Destruction Timeline | Active systems within 30 days": a table row
            yield Line(" | ".join(cell.strip() for cell in cells), gap_before=True, table_cell=True,
                       table_header=not in_table and is_header_row(cells))
        else:
            yield Line(stripped, gap_before=gap, wraps=wraps)
        in_table = len(cells) >= 2
        gap = False


UNWRAPPED_LINE_CHARS = 120


def _hard_wrapped(lines: list[str]) -> bool:
    """Whether the text is wrapped at a fixed width: then no line is much longer than a printed line.

    Text with a paragraph per line has many lines far longer than any printed line.
    """
    lengths = [len(line.strip()) for line in lines if line.strip()]
    long_lines = sum(1 for length in lengths if length > UNWRAPPED_LINE_CHARS)
    return long_lines < max(2, len(lengths) // 20)


def _markdown_lines(text: str) -> Iterator[Line]:
    raw_lines = text.splitlines()
    gap, in_fence = True, False
    for index, raw in enumerate(raw_lines):
        if _FENCE.match(raw):
            in_fence, gap = not in_fence, True
            continue
        stripped = _BLOCKQUOTE.sub("", raw).strip()
        if in_fence:
            if stripped:
                yield Line(stripped, gap_before=gap)
            gap = not stripped
            continue
        following = raw_lines[index + 1] if index + 1 < len(raw_lines) else ""
        if (not stripped or _RULE.match(stripped) or _SETEXT_UNDERLINE.match(stripped)
                or _TABLE_SEPARATOR.match(stripped)):
            gap = True  # blank line, horizontal rule, setext underline or table header separator
            continue
        atx = _ATX_HEADING.match(stripped)
        if atx:
            title = _without_closing_hashes(atx.group(2).rstrip())
            yield Line(_plain(title), gap_before=True, heading_level=len(atx.group(1)))
            gap = True
            continue
        if _SETEXT_UNDERLINE.match(following.strip()) and not stripped.startswith(("-", "*", "|")):
            level = 1 if following.strip().startswith("=") else 2
            yield Line(_plain(stripped), gap_before=True, heading_level=level)
            gap = True
            continue
        if stripped.startswith("|"):  # a table row: one block per row, its cells joined by " | "
            cells = [_plain(cell.strip()) for cell in stripped.strip("|").split("|")]
            header = bool(_TABLE_SEPARATOR.match(following.strip())) and is_header_row(cells)
            yield table_row(cells, header)
            gap = True
            continue
        yield Line(_plain(stripped), gap_before=gap)
        gap = False


def _without_closing_hashes(title: str) -> str:
    """"Terms ##" -> "Terms": a closing sequence of hashes after a space is not part of the title."""
    bare = title.rstrip("#")
    if bare != title and (not bare or bare[-1] in " \t"):
        return bare.rstrip()
    return title


def _plain(text: str) -> str:
    """Markdown inline markup removed: links and images keep their text, emphasis and code their content."""
    if "[" in text:
        text = _IMAGE_OR_LINK.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub(r"\2", _STRONG.sub(r"\2", text))
    return _CODE_SPAN.sub(r"\1", text) if "`" in text else text
