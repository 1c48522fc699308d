"""Fuzzy phrase patterns: a small, readable language for the wording a provision looks for.

Syntax (words are compared by stem, so "sells", "selling" and "sell" are the same word):

    sell personal information          words in order; filler words (the, your, any ...) may sit between
    (sell|rent|trade) data             alternatives; an alternative may be a phrase: (student data|pii)
    advertis*                          a prefix: advertising, advertisement, advertisers
    notify ... breach                  a gap of up to 8 words; "..3" allows up to 3
    the? school                        an optional word or group
    (sell|rent) ..10 {data}            a named term list of the rulebook (`terms:`); also ({data}|it)

Long words also match their near spellings (rapidfuzz ratio >= the rulebook's `fuzzy` setting), so
OCR slips and typos such as "confidentaility" still match; each such word lowers the match score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from clausecheck.text.tokens import stem

FILLER = frozenset({"the", "a", "an", "your", "our", "their", "its", "his", "her", "any", "all", "such",
                    "of", "to", "or", "and", "other", "this", "these", "that", "those",
                    "s", "in", "on", "for", "by", "with"})
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
    """One position of a pattern: alternatives (each a sequence of words), optional or not.

    `terms` names rulebook term lists whose phrases are alternatives too; they are looked up when a
    document is checked, so a rulebook that extends this one, or a contract's own defined terms, can
    add to them.
    """

    alternatives: tuple[tuple[Word, ...], ...]
    optional: bool
    gap_before: int  # how many words may stand between the previous slot and this one
    terms: tuple[str, ...] = ()
    # Alternatives with a term inside a phrase ("{vendor} content"): words and term names in order.
    templates: tuple[tuple[Word | str, ...], ...] = ()


@dataclass(frozen=True)
class Pattern:
    source: str
    slots: tuple[Slot, ...]

    def words(self) -> set[Word]:
        """The words written in the pattern itself (term lists add theirs when a document is checked)."""
        return {word for slot in self.slots for alternative in slot.alternatives for word in alternative}

    @property
    def terms(self) -> set[str]:
        return {name for slot in self.slots for name in slot.terms} | {
            part for slot in self.slots for template in slot.templates for part in template if isinstance(part, str)}


_TOKEN = re.compile(r"\.\.\.|\.\.\d+|\([^()]*\)\??|[^\s()]+")
_TERM = re.compile(r"\{([a-z0-9][a-z0-9-]*)\}")
MAX_PATTERN_WORDS = 60  # a "pattern" longer than this is a pasted paragraph, not a phrase to find
MAX_GAP = 60


@lru_cache(maxsize=16384)
def phrase_words(phrase: str) -> tuple[Word, ...]:
    """The words of one alternative or term phrase ("dispose of", "de-identify", "advertis*").

    Remembered: every document expands its rulebook's term lists (and its own defined terms) into
    these again, and the Words are frozen, so sharing them is safe."""
    # Hyphens split words in documents ("de-identified" is two tokens), so they do here too.
    return tuple(_word(word) for word in phrase.replace("-", " ").split())


_WORD_TEXT = re.compile(r"[a-z0-9'§$%]+\*?")


@lru_cache(maxsize=16384)
def _word(text: str) -> Word:
    text = text.lower()
    if not _WORD_TEXT.fullmatch(text):
        raise PatternSyntaxError(f"'{text}' is not a word (use letters, digits, ', and * at the end)")
    if text.endswith("*"):
        if len(text) < 4:
            raise PatternSyntaxError(f"prefix '{text}' is too short: it would match too many words")
        return Word(text[:-1], text[:-1], True)
    return Word(text, stem(text), False)


def compile_pattern(source: str, known_terms: frozenset[str] | None = None) -> Pattern:
    """Compile the pattern text, raising PatternSyntaxError with a readable reason.

    `known_terms`, when given, are the term names the rulebook defines: any other {name} is an error.
    """
    if not isinstance(source, str) or not source.strip():
        raise PatternSyntaxError("a pattern must be a non-empty string")
    if source.count("(") != source.count(")"):
        raise PatternSyntaxError(f"unbalanced parentheses in '{source}'")
    slots: list[Slot] = []
    gap = 0
    words = 0
    for piece in _TOKEN.findall(source.strip()):
        if piece == "...":
            gap = DEFAULT_GAP
            continue
        if piece.startswith(".."):
            if len(piece) > 4 or int(piece[2:]) > MAX_GAP:
                raise PatternSyntaxError(f"gap '{piece}' is too wide (at most ..{MAX_GAP})")
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
        terms = tuple(_term_name(option, known_terms) for option in options if _TERM.fullmatch(option))
        templates = tuple(_template(option, known_terms) for option in options
                          if not _TERM.fullmatch(option) and _TERM.search(option))
        alternatives = tuple(phrase_words(option) for option in options if not _TERM.search(option))
        words += sum(len(alternative) for alternative in alternatives + templates)
        if words > MAX_PATTERN_WORDS:
            raise PatternSyntaxError(f"'{source[:60]}...' has more than {MAX_PATTERN_WORDS} words: a pattern "
                                     "is a phrase to find, not a passage")
        slots.append(Slot(alternatives, optional, gap, terms, templates))
        gap = 0
    if gap:
        raise PatternSyntaxError(f"'{source}' ends with a gap")
    if not any(not slot.optional for slot in slots):
        raise PatternSyntaxError(f"'{source}' has no required word")
    return Pattern(source, tuple(slots))


def _template(option: str, known_terms: frozenset[str] | None) -> tuple[Word | str, ...]:
    """"{vendor} content" -> ("vendor", Word("content")): expanded with the term's phrases when matched."""
    parts: list[Word | str] = []
    for piece in option.split():
        if _TERM.fullmatch(piece):  # a term's name may hold hyphens ({personal-data}); a word's hyphens split it
            parts.append(_term_name(piece, known_terms))
        else:
            parts += [_word(part) for part in piece.replace("-", " ").split()]
    return tuple(parts)


def _term_name(option: str, known_terms: frozenset[str] | None) -> str:
    match = _TERM.fullmatch(option)
    if match is None:
        raise PatternSyntaxError(f"'{option}': write a term as a whole word, {{name}}")
    name = match.group(1)
    if known_terms is not None and name not in known_terms:
        known = ", ".join(sorted(known_terms)) or "none: add a 'terms:' section"
        raise PatternSyntaxError(f"unknown term {{{name}}} (the rulebook's terms: {known})")
    return name
