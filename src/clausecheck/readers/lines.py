"""What one line of extracted contract text is: a list item, a heading, the end of a sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Numbered markers need a period or parenthesis so that a wrapped line starting "10 days" stays a wrap.
LIST_MARKER = re.compile(
    r"""^(?:
        [\u2022\u25aa\u25cf\u25e6\u2043\u2013\u2014\u00b7\uf0b7\uf0a7\-*+]\s+    # bullets
      | \(?\d{1,3}\)\s*                                                        # 1)  (1)
      | \d{1,3}\.(?:\d{1,3}\.?)*\s+                                            # 1.  1.2  1.2.
      | \([a-zA-Z]{1,2}\)\s* | \([ivxlcIVXLC]{1,6}\)\s*                         # (a)  (iv)
      | [a-zA-Z][.)]\s+ | [ivxlcIVXLC]{1,6}[.)]\s+                            # a.  A)  iv.
      | (?:section|article|clause)\s+[\dIVXivx]+(?:\.\d+)*\.?\s                # Section 4.
    )""",
    re.VERBOSE | re.IGNORECASE,
)
BULLET = re.compile(r"^[\u2022\u25aa\u25cf\u25e6\u2043\u2013\u2014\u00b7\uf0b7\uf0a7\-*+]\s+")

NUMBERED_HEADING = re.compile(
    r"""^(?:(?P<keyword>article|section|part|schedule|exhibit|appendix|annex)\s+
           (?P<kwnum>[\dIVXLC]+(?:\.\d+)*|[A-Z])\.?(?:\s*[-\u2013\u2014:.]\s*|\s+)
        | (?P<num>\d{1,3}(?:\.\d{1,3})*)\.?\s+
        | (?:[IVXLC]{1,6}|[A-Z])\.\s+
        )(?P<title>\S.*)$""",
    re.VERBOSE | re.IGNORECASE,
)
BARE_HEADING_NUMBER = re.compile(
    r"^(?:article|section|part|schedule|exhibit|appendix|annex)\s+(?:[\dIVXLC]+(?:\.\d+)*|[A-Z])\.?$",
    re.IGNORECASE)
INLINE_SECTION_TITLE = re.compile(
    r"^(?P<num>\d{1,3}(?:\.\d{1,3})*)\.?\s+(?P<title>[A-Z][\w ,&'\u2019/()-]{2,70}?)\.\s+[\"\u201c(]?[A-Z]")

SMALL_WORDS = frozenset([
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on", "or",
    "per", "the", "to", "upon", "via", "vs", "with", "within", "without", "our", "your", "its",
    "their", "his", "her"])
CONJUNCTIONS = frozenset(["and", "or", "nor", "but", "of", "to"])
# A line ending with one of these words cannot end a paragraph.
CONTINUING_WORDS = SMALL_WORDS | frozenset([
    "that", "which", "who", "whom", "whose", "shall", "may", "will", "must", "is", "are", "be", "been",
    "not", "any", "each", "such", "this", "these"])
# A sentence, or a clause of a list ("...; and"), ends the line.
SENTENCE_END = re.compile(r"(?:[.;:!?][\"'\u201d\u2019)\]]*|;\s+(?:and|or|and/or))$")
MAX_HEADING_CHARS = 100
MAX_HEADING_WORDS = 12

_WORD = re.compile(r"[^\W\d_][^\W\d_'\u2019-]*")


@dataclass(frozen=True)
class Line:
    """A line of text with what its layout says about its neighbours.

    `wraps` is True when the line reaches the right edge of its column (the paragraph goes on), False
    when it stops short, and None when unknown: then the line belongs to the same paragraph as the
    lines next to it unless a blank line (`gap_before`), a list marker or a heading says otherwise.
    """

    text: str
    page: int | None = None
    wraps: bool | None = None
    gap_before: bool = False
    emphasized: bool = False
    heading_level: int | None = None
    list_item: bool = False
    table_cell: bool = False
    table_header: bool = False  # the header row of a table: column titles, never a statement
    spaced_paragraphs: bool = False  # its page puts space between paragraphs, so no space: no break


_LOOKALIKES = str.maketrans({
    "\u00ad": None, "\u200b": None, "\u2060": None, "\ufeff": None,  # soft hyphen, zero-width marks
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
    "\u037e": ";",  # GREEK QUESTION MARK, which some PDF fonts map the semicolon to
})
_LOOKALIKE_CHARACTERS = re.compile("[" + "".join(chr(code) for code in _LOOKALIKES) + "]")


def clean_text(text: str) -> str:
    """Ligatures spelt out, invisible marks removed, any run of white space made one space."""
    if _LOOKALIKE_CHARACTERS.search(text):  # translate() is slow; most lines need none of it
        text = text.translate(_LOOKALIKES)
    return " ".join(text.split())


def ends_sentence(text: str) -> bool:
    return bool(SENTENCE_END.search(text.rstrip()[-12:]))


def ends_mid_phrase(text: str) -> bool:
    """The line stops on a word that needs more after it ("the needs of"), or on a bare list marker."""
    words = text.split()
    if not words or ends_sentence(text):
        return False
    return words[-1].lower() in CONTINUING_WORDS or (len(words) == 1 and is_list_item(text))


def starts_lowercase(text: str) -> bool:
    first = text.lstrip()[:1]
    return first.islower() or first in ",;)]&%"


def is_list_item(text: str) -> bool:
    return bool(LIST_MARKER.match(text.strip() + " "))  # the space lets a bare "H." count


def strip_bullet(text: str) -> str:
    """Drop a bullet glyph (which carries no meaning), keep numbering such as "1." or "(a)"."""
    return BULLET.sub("", text, count=1)


def _is_all_caps(words: list[str]) -> bool:
    letters = "".join(words)
    return sum(c.isupper() for c in letters) >= 0.9 * len(letters) and any(len(w) >= 3 for w in words)


def _is_title_case(words: list[str]) -> bool:
    significant = [w for w in words if w.lower() not in SMALL_WORDS and len(w) >= 3]
    return (bool(significant) and words[0][0].isupper()
            and all(w[0].isupper() for w in significant))


def looks_like_heading_text(text: str) -> bool:
    """Short, and in Title Case or ALL CAPS, without the punctuation of a sentence."""
    text = text.strip()
    words = _WORD.findall(text)
    if (text.startswith("[") and text.endswith("]")) or " | " in text:
        return False  # "[INSERT PROCEDURES]" is a template's blank, "a | b" a table row; neither is a heading
    if not words or len(text) > MAX_HEADING_CHARS or len(text.split()) > MAX_HEADING_WORDS:
        return False
    if text[-1] in ",;" or words[-1].lower() in SMALL_WORDS or words[0].lower() in CONJUNCTIONS:
        return False  # "OR (iv) UNAUTHORIZED ACCESS ..." carries on the sentence of the line before
    if _is_all_caps(words):
        return True
    return text[-1] not in ".!" and _is_title_case(words)


def looks_like_label(text: str) -> bool:
    """Short and starting with a capital or digit, without the punctuation of a sentence."""
    text = text.strip()
    return (bool(text) and (text[0].isupper() or text[0].isdigit()) and text[-1] not in ".,;"
            and len(text) <= MAX_HEADING_CHARS and len(text.split()) <= MAX_HEADING_WORDS)


def table_row(cells: list[str], header: bool, page: int | None = None) -> Line:
    """A table row as a block of its own: its non-empty cells joined by " | ", so a topic cell is read with
    the cell that says what is promised of it; `header` marks a row of column titles."""
    return Line(" | ".join(cell for cell in cells if cell), page=page, gap_before=True, table_cell=True,
                table_header=header)


def is_header_row(cells: list[str]) -> bool:
    """Column titles ("Subprocessor | Role | Location"): every cell a short label."""
    cells = [cell for cell in cells if cell.strip()]
    return bool(cells) and all(looks_like_label(cell) for cell in cells)


def heading_level(text: str) -> int | None:
    """The outline level a heading-like line opens (1 for top level), or None if it is not one.

    "12. Governing Law" and "ARTICLE IV - TERM" are level 1, "12.3 Notices" level 2; an unnumbered
    Title Case or ALL CAPS line is level 1.
    """
    text = text.strip()
    numbered = NUMBERED_HEADING.match(text)
    if numbered and looks_like_heading_text(numbered.group("title").rstrip(".")):
        number = numbered.group("num") or numbered.group("kwnum") or ""
        nests = (numbered.group("keyword") or "section").lower() == "section"  # not ARTICLE 2.1
        return number.count(".") + 1 if nests and number[:1].isdigit() else 1
    if BARE_HEADING_NUMBER.match(text):
        return 1
    if looks_like_heading_text(text) and not is_list_item(text):
        return 1
    return None


def inline_section_title(text: str) -> tuple[int, str] | None:
    """A run-in heading at the start of a numbered paragraph: "12. Governing Law. This Agreement ..."."""
    match = INLINE_SECTION_TITLE.match(text)
    if not match:
        return None
    title = match.group("title").strip()
    words = _WORD.findall(title)
    if not words or len(words) > 8 or not (_is_title_case(words) or _is_all_caps(words)):
        return None
    return match.group("num").count(".") + 1, text[:match.end("title")].strip()
