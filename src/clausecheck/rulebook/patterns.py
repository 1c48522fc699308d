"""Fuzzy phrase patterns: a small, readable language for the wording a provision looks for.

Syntax (words are compared by stem, so "sells", "selling" and "sell" are the same word):

    sell personal information          words in order; filler words (the, your, any ...) may sit between
    (sell|rent|trade) data             alternatives; an alternative may be a phrase: (student data|pii)
    advertis*                          a prefix: advertising, advertisement, advertisers
    notify ... breach                  a gap of up to 8 words; "..3" allows up to 3
    the? school                        an optional word or group

Long words also match their near spellings (rapidfuzz ratio >= the rulebook's `fuzzy` setting), so
OCR slips and typos such as "confidentaility" still match; each such word lowers the match score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clausecheck.text.tokens import stem

FILLER = frozenset({"the", "a", "an", "your", "our", "their", "its", "his", "her", "any", "all", "such",
                    "of", "to", "or", "and", "other", "this", "these", "that", "those", "user", "users",
                    "s", "in", "on", "for", "by", "with", "such"})
MAX_FILLER = 3
DEFAULT_GAP = 8
FUZZY_MIN_LENGTH = 6


class PatternSyntaxError(ValueError):
    """A pattern that cannot be compiled; the message says what is wrong."""


@dataclass(frozen=True)
class Word:
    """One pattern word: an exact stem, or a prefix of the lowercase word."""

    text: str
    stem: str
    prefix: bool

    @property
    def fuzzy_candidate(self) -> bool:
        return not self.prefix and len(self.text) >= FUZZY_MIN_LENGTH and self.text.isalpha()


@dataclass(frozen=True)
class Slot:
    """One position of a pattern: alternatives (each a sequence of words), optional or not."""

    alternatives: tuple[tuple[Word, ...], ...]
    optional: bool
    gap_before: int  # how many words may stand between the previous slot and this one


@dataclass(frozen=True)
class Pattern:
    source: str
    slots: tuple[Slot, ...]

    def words(self) -> set[Word]:
        return {word for slot in self.slots for alternative in slot.alternatives for word in alternative}


_TOKEN = re.compile(r"\.\.\.|\.\.\d+|\([^()]*\)\??|[^\s()]+")


def _word(text: str) -> Word:
    text = text.lower()
    if not re.fullmatch(r"[a-z0-9'§$%]+\*?", text):
        raise PatternSyntaxError(f"'{text}' is not a word (use letters, digits, ', and * at the end)")
    if text.endswith("*"):
        if len(text) < 4:
            raise PatternSyntaxError(f"prefix '{text}' is too short: it would match too many words")
        return Word(text[:-1], text[:-1], True)
    return Word(text, stem(text), False)


def compile_pattern(source: str) -> Pattern:
    """Compile the pattern text, raising PatternSyntaxError with a readable reason."""
    if not isinstance(source, str) or not source.strip():
        raise PatternSyntaxError("a pattern must be a non-empty string")
    if source.count("(") != source.count(")"):
        raise PatternSyntaxError(f"unbalanced parentheses in '{source}'")
    slots: list[Slot] = []
    gap = 0
    for piece in _TOKEN.findall(source.strip()):
        if piece == "...":
            gap = DEFAULT_GAP
            continue
        if piece.startswith(".."):
            gap = int(piece[2:])
            continue
        optional = piece.endswith("?")
        body = piece[:-1] if optional else piece
        if body.startswith("("):
            options = [option.strip() for option in body[1:-1].split("|")]
        else:
            options = body.split("|")
        if any(not option for option in options):
            raise PatternSyntaxError(f"empty alternative in '{piece}'")
        # Hyphens split words in documents ("de-identified" is two tokens), so they do here too.
        alternatives = tuple(tuple(_word(word) for word in option.replace("-", " ").split()) for option in options)
        slots.append(Slot(alternatives, optional, gap))
        gap = 0
    if gap:
        raise PatternSyntaxError(f"'{source}' ends with a gap")
    if not any(not slot.optional for slot in slots):
        raise PatternSyntaxError(f"'{source}' has no required word")
    return Pattern(source, tuple(slots))
