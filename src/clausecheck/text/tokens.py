"""Word tokens with character offsets, and the light stemming that lets "sells" match "sell"."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

_WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?|[§$%]")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


class Token(NamedTuple):
    """One word of a text: its stem (for matching), its lowercase form and its offsets.

    A NamedTuple rather than a dataclass: documents have hundreds of thousands of tokens.
    """

    stem: str
    lower: str
    start: int
    end: int


def normalise_quotes(text: str) -> str:
    """Curly quotes to straight ones (same length, so offsets stay valid)."""
    return text if text.isascii() else text.translate(_QUOTES)  # most text has none: skip the slow translate


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A deliberately light English stemmer: enough to fold plural, tense and -ing forms."""
    word = word.lower().replace("\u2019", "'")
    if word.endswith("n't"):
        return "not"
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, replacement in (("ies", "y"), ("ied", "y"), ("sses", "ss"), ("ing", ""),
                                ("edly", ""), ("ed", ""), ("es", "e"), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            base = word[: len(word) - len(suffix)] + replacement
            if suffix in ("ing", "ed") and len(base) >= 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # "shipped" -> "ship"
            return _drop_final_e(base)
    return _drop_final_e(word)


def _drop_final_e(word: str) -> str:
    # "share"/"shared"/"sharing" all become "shar"; harmless because patterns are stemmed the same way.
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


_FORMS: dict[str, tuple[str, str]] = {}  # word as written -> (stem, lowercase): documents repeat their words
MAX_FORMS = 200_000


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split `text` into tokens whose offsets are relative to `offset`."""
    if len(_FORMS) > MAX_FORMS:
        _FORMS.clear()
    tokens: list[Token] = []
    append = tokens.append
    forms = _FORMS
    new = tuple.__new__  # what Token(...) calls, without its Python-level __new__ in between
    for match in _WORD.finditer(text):
        word = match[0]
        form = forms.get(word)
        if form is None:
            form = forms[word] = (stem(word), word.lower())
        start, end = match.span()
        append(new(Token, (form[0], form[1], offset + start, offset + end)))
    return tokens
