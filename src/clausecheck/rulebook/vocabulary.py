"""A rulebook's vocabulary: the named word lists its patterns refer to, and the words its checks read
clauses with.

    terms:
      delete: [delete, destroy, dispose of, erase, purge]     # a pattern says {delete}
      vendor: [we, us, provider, vendor, contractor]
    context:
      home: Connecticut          # the place whose law must govern, and whose sections always count
      home-aliases: [CT]
      vendor: vendor             # which term names the party the rules bind ...
      user: user                 # ... the other party and the people who use the service
      school: school
      protected: students        # the people whose data the rules protect
      others: adults             # people whose data they do not (a clause only about them is not about students)
      exempt: exempt-data        # data the rules never protect (de-identified, aggregate)
      filler: [user, users]      # words a pattern may skip, beside "the", "any", "of" ...
      definitions: [data, vendor, school, services]   # terms a contract's defined terms may join

A contract's own defined terms ("Pupil Records", "LEA", the vendor's name) join these lists for that
contract only (`with_document_terms`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from types import MappingProxyType

from clausecheck.text.tokens import Token, stem, tokenize

CONTEXT_ROLES = ("vendor", "user", "school", "protected", "others", "exempt")


@dataclass(frozen=True)
class PhraseSet:
    """Phrases compared word by word on stems, found in a token sequence."""

    phrases: tuple[tuple[str, ...], ...]  # each phrase as its words' stems

    @classmethod
    def of(cls, phrases: Iterable[str]) -> PhraseSet:
        stems = {tuple(word_stem(word) for word in phrase.replace("-", " ").split()) for phrase in phrases}
        return cls(tuple(sorted(phrase for phrase in stems if phrase)))

    @cached_property
    def _by_first(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        index: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.phrases:
            index.setdefault("*" if phrase[0].endswith("*") else phrase[0], []).append(phrase)
        # longest first, so "school district" wins over "school"
        return {first: tuple(sorted(found, key=len, reverse=True)) for first, found in index.items()}

    def length_at(self, tokens: tuple[Token, ...] | list[Token], index: int) -> int:
        """How many tokens from `index` on form one of the phrases (0 when none does)."""
        for phrase in self._by_first.get(tokens[index].stem, ()) + self._by_first.get("*", ()):
            end = index + len(phrase)
            if end <= len(tokens) and all(_same_word(phrase[k], tokens[index + k]) for k in range(len(phrase))):
                return len(phrase)
        return 0

    def find(self, tokens: tuple[Token, ...] | list[Token], start: int = 0,
             end: int | None = None) -> Iterator[tuple[int, int]]:
        """Every occurrence between token indexes `start` and `end`: (first index, length)."""
        stop = len(tokens) if end is None else min(end, len(tokens))
        for index in range(start, stop):
            length = self.length_at(tokens, index)
            if length and index + length <= stop:
                yield index, length

    def in_text(self, text: str) -> bool:
        tokens = tokenize(text)
        return any(True for _ in self.find(tokens))

    def __bool__(self) -> bool:
        return bool(self.phrases)


def _same_word(word: str, token: Token) -> bool:
    return token.lower.startswith(word[:-1]) if word.endswith("*") else token.stem == word


def word_stem(word: str) -> str:
    """The stem a term's word is compared by; a trailing * (a prefix) is kept as written."""
    word = word.lower()
    return word if word.endswith("*") else stem(word)


@dataclass(frozen=True)
class Vocabulary:
    """Named term lists and the context roles that use them."""

    terms: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    home: str = ""
    home_aliases: tuple[str, ...] = ()
    roles: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # role -> term name
    filler: tuple[str, ...] = ()
    mappable_terms: tuple[str, ...] = ()  # term names a contract's own defined terms may join, in order
    # Terms that came from the contract itself, by term name: shown in reasons, not in the rulebook.
    document_terms: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))

    def phrases(self, name: str) -> tuple[str, ...]:
        return self.terms.get(name, ()) + self.document_terms.get(name, ())

    def phrase_set(self, name: str) -> PhraseSet:
        """The phrases of term list `name` as a PhraseSet, built once for this vocabulary (a rulebook's
        is shared by every document it checks)."""
        found = self._term_sets.get(name)
        if found is None:
            found = self._term_sets[name] = PhraseSet.of(self.phrases(name))
        return found

    @cached_property
    def _term_sets(self) -> dict[str, PhraseSet]:
        return {}

    def role(self, role: str) -> PhraseSet:
        """The phrases of a context role as a PhraseSet (empty when the rulebook names none)."""
        return self.phrase_set(self.roles.get(role, ""))

    @cached_property
    def home_names(self) -> tuple[str, ...]:
        return tuple(name for name in (self.home, *self.home_aliases) if name)

    def with_document_terms(self, extra: Mapping[str, Iterable[str]]) -> Vocabulary:
        """This vocabulary plus phrases a contract defines for some of its terms."""
        added = {name: tuple(dict.fromkeys(phrase for phrase in phrases if phrase not in self.phrases(name)))
                 for name, phrases in extra.items() if name in self.terms}
        added = {name: phrases for name, phrases in added.items() if phrases}
        if not added:
            return self
        return replace(self, document_terms=MappingProxyType(added))

    def extended_by(self, terms: Mapping[str, tuple[str, ...]], context: Mapping[str, object]) -> Vocabulary:
        """This (a parent rulebook's) vocabulary with a child's terms and context laid over it."""
        merged = dict(self.terms)
        merged.update(terms)
        roles = dict(self.roles)
        roles.update({role: str(value) for role, value in context.items() if role in CONTEXT_ROLES})
        return Vocabulary(
            terms=MappingProxyType(merged), home=str(context.get("home", self.home) or ""),
            home_aliases=tuple(context.get("home-aliases", self.home_aliases)),  # type: ignore[arg-type]
            roles=MappingProxyType(roles), filler=tuple(context.get("filler", self.filler)),  # type: ignore[arg-type]
            mappable_terms=tuple(context.get("definitions", self.mappable_terms)))  # type: ignore[arg-type]


EMPTY_VOCABULARY = Vocabulary()
