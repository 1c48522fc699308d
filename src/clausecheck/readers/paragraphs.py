"""Assemble lines into paragraph, list-item and heading blocks, each with its section heading path."""

from __future__ import annotations

from clausecheck.document import DocumentBuilder
from clausecheck.readers.hyphenation import TRAILING_WORD, Vocabulary, join_lines
from clausecheck.readers.lines import (
    BARE_HEADING_NUMBER,
    Line,
    clean_text,
    ends_mid_phrase,
    ends_sentence,
    heading_level,
    inline_section_title,
    is_list_item,
    looks_like_label,
    starts_lowercase,
    strip_bullet,
)


class SectionPath:
    """The headings above the current position: opening a heading closes those at its level or deeper."""

    def __init__(self) -> None:
        self._open: list[tuple[int, str]] = []

    def open(self, level: int, title: str) -> None:
        while self._open and self._open[-1][0] >= level:
            self._open.pop()
        self._open.append((level, title))

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(title for _, title in self._open)


def _continues(previous: Line, line: Line, block_so_far: str) -> bool:
    """Whether `line` carries on the paragraph that `previous`, its last line, belongs to.

    `block_so_far` ends with that paragraph's last lines, so that "...; and" still ends a clause when
    "and" wraps onto a line of its own.
    """
    if is_list_item(line.text):
        return False
    carries_on = not ends_sentence(block_so_far) and (
        bool(previous.wraps) or starts_lowercase(line.text) or ends_mid_phrase(block_so_far))
    if line.gap_before:
        # A blank line ends a paragraph of text; a wider step between PDF lines does not end a
        # sentence that visibly carries on (PDFs space lines unevenly around underlining, footnotes).
        return previous.wraps is not None and not line.table_cell and carries_on
    if previous.spaced_paragraphs and previous.page == line.page:
        return True
    return previous.wraps is None or carries_on or starts_lowercase(line.text)


def _opens_block(previous: Line | None, line: Line) -> bool:
    return (previous is None or line.gap_before or ends_sentence(previous.text)
            or (previous.wraps is False and not ends_mid_phrase(previous.text)))


def _heading_level_of(previous: Line | None, line: Line, following: Line | None,
                      previous_is_heading: bool) -> int | None:
    if line.heading_level is not None:
        return line.heading_level
    if line.table_cell:
        return None
    if line.wraps or not (previous_is_heading or _opens_block(previous, line)):
        return None
    if following is not None and not following.gap_before and starts_lowercase(following.text):
        return None
    if previous is not None and previous.wraps is None and not (line.gap_before or previous_is_heading):
        return None  # inside a run of text lines only the first line may be a heading
    level = heading_level(line.text)
    if level is None and line.emphasized and looks_like_label(line.text):
        level = 1  # a short line set in a larger font, e.g. a sentence-case heading in a PDF
    return level


def join_paragraph(parts: list[str], vocabulary: Vocabulary) -> str:
    """The lines of a paragraph joined with spaces, words hyphenated across line ends made whole.

    Linear in the paragraph's length: only the last word of the text so far takes part in a join, so
    the text is kept as pieces and joined once (a 200,000-line paragraph takes a second, not minutes).
    """
    pieces = [parts[0]]
    for part in parts[1:]:
        part = part.strip()
        last = pieces[-1]
        if last.endswith("-"):
            word = TRAILING_WORD.search(last, max(len(last) - 64, 0))
            cut = word.start() if word else len(last)
            pieces[-1] = last[:cut]
            pieces.append(join_lines(last[cut:], part, vocabulary) if word else f" {part}")
        else:
            pieces.append(f" {part}")
    return "".join(pieces)


class BlockAssembler:
    """Joins lines into blocks and adds them to a DocumentBuilder, opening sections at headings."""

    def __init__(self, builder: DocumentBuilder, vocabulary: Vocabulary) -> None:
        self.builder = builder
        self.vocabulary = vocabulary
        self.sections = SectionPath()
        self._parts: list[str] = []
        self._first: Line | None = None
        self._previous: Line | None = None
        self._previous_is_heading = False

    def add_lines(self, lines: list[Line]) -> None:
        index = 0
        while index < len(lines):
            line = lines[index]
            following = lines[index + 1] if index + 1 < len(lines) else None
            level = _heading_level_of(self._previous, line, following, self._previous_is_heading)
            if level is not None:
                self.flush()
                title = clean_text(line.text)
                if following and BARE_HEADING_NUMBER.match(title) and heading_level(following.text):
                    title = f"{title} {clean_text(following.text)}"  # "ARTICLE I" over "DEFINITIONS"
                    index += 1
                self.sections.open(level, title)
                self.builder.add(title, page=line.page, section=self.sections.path, kind="heading")
            elif self._first is not None and _continues(self._previous, line,
                                                        " ".join(self._parts[-2:])):
                self._parts.append(line.text)
            else:
                self.flush()
                self._parts, self._first = [line.text], line
            self._previous, self._previous_is_heading = lines[index], level is not None
            index += 1

    def flush(self) -> None:
        """Add the block being assembled, if any."""
        first = self._first
        if first is None:
            return
        text = clean_text(join_paragraph(self._parts, self.vocabulary))
        kind = ("table_header" if first.table_header else "table_cell" if first.table_cell
                else "list_item" if first.list_item or is_list_item(first.text) else "paragraph")
        run_in = inline_section_title(text)
        if run_in:
            self.sections.open(*run_in)
        self.builder.add(strip_bullet(text), page=first.page, section=self.sections.path, kind=kind)
        self._parts, self._first = [], None
