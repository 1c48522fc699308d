"""Undo hyphenation at line ends: rejoin words the layout split, keep the hyphen of real compounds."""

from __future__ import annotations

import re
from functools import cached_property

# pypdfium2 replaces a hyphen at a line end with U+FFFE and joins the two lines.
PDFIUM_LINE_END_HYPHEN = "\ufffe"

# Prefixes that form hyphenated compounds ("pre-paid", "co-operate") when a word follows them.
COMPOUNDING_PREFIXES = frozenset([
    "anti", "co", "cross", "ex", "multi", "post", "pre", "semi", "full", "part", "long", "short", "high",
    "low"])
# Prefixes that contracts hyphenate before almost any word: "non-transferable", "self-service".
HYPHENATED_PREFIXES = frozenset(["non", "self", "third", "well"])

_LETTERS = r"[^\W\d_]"
_MARKED = re.compile(rf"([^\W_]*){PDFIUM_LINE_END_HYPHEN}([^\W_]*)")
_WORDS = re.compile(rf"{_LETTERS}+")
# The look-behinds start matches at word starts only; retrying inside every word is slow.
_COMPOUNDS = re.compile(rf"(?<!{_LETTERS}){_LETTERS}+(?:-{_LETTERS}+)+")
# Hyphenation sites must not count as evidence for themselves.
_SITES = re.compile(rf"(?<![^\W_])[^\W_]*(?:{PDFIUM_LINE_END_HYPHEN}|-[ \t]*\r?\n[ \t]*)[^\W_]*")


class Vocabulary:
    """The words and hyphenated compounds a document uses away from line ends, lowercased.

    Built on first use: most documents never ask.
    """

    def __init__(self, text: str) -> None:
        self._text = text

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset(_WORDS.findall(self._away_from_line_ends))

    @cached_property
    def compounds(self) -> frozenset[str]:
        return frozenset(_COMPOUNDS.findall(self._away_from_line_ends))

    @cached_property
    def _away_from_line_ends(self) -> str:
        return _SITES.sub(" ", self._text.lower())


EMPTY_VOCABULARY = Vocabulary("")


def join_hyphenated(left: str, right: str, vocabulary: Vocabulary) -> str:
    """Join `left` and `right`, split at a line-end hyphen, into the likelier word.

    The hyphen stays before a capital or a digit ("Well-Known", "COVID-19"), when the document writes
    the compound with a hyphen elsewhere, after "non", "self", "third" or "well", or for a compounding
    prefix before a word the document uses on its own ("pre-paid"); otherwise the word was split by the
    layout ("regis-tration").
    """
    compound, joined = f"{left}-{right}", f"{left}{right}"
    if not left or not right:
        return compound
    if right[0].isupper() or right[0].isdigit() or left[-1].isdigit():
        return compound
    if compound.lower() in vocabulary.compounds:
        return compound
    if joined.lower() in vocabulary.words:
        return joined
    if left.lower() in HYPHENATED_PREFIXES and len(right) >= 4:
        return compound
    if left.lower() in COMPOUNDING_PREFIXES and right.lower() in vocabulary.words:
        return compound
    return joined


def resolve_marked_hyphens(text: str, vocabulary: Vocabulary) -> str:
    """Resolve pypdfium2's U+FFFE line-end hyphen marks inside `text`."""
    if PDFIUM_LINE_END_HYPHEN not in text:
        return text
    return _MARKED.sub(lambda m: join_hyphenated(m.group(1), m.group(2), vocabulary), text)


TRAILING_WORD = re.compile(r"([^\W_]+)-$")
_LEADING_WORD = re.compile(r"^([^\W_]+)")


def join_lines(previous: str, following: str, vocabulary: Vocabulary) -> str:
    """Append the next line of a paragraph, rejoining a word hyphenated across the break."""
    if not previous.endswith("-"):
        return f"{previous} {following}"
    tail = len(previous) - 64  # only the last word matters; searching all of a long paragraph is slow
    trailing = TRAILING_WORD.search(previous, max(tail, 0))
    leading = _LEADING_WORD.match(following)
    if trailing and leading:
        word = join_hyphenated(trailing.group(1), leading.group(1), vocabulary)
        return previous[:trailing.start()] + word + following[leading.end():]
    return f"{previous} {following}"
