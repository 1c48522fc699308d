"""The rulebook as the engine sees it: provisions with compiled patterns, value checks and examples."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

from clausecheck.rulebook.patterns import Pattern, Word, phrase_words
from clausecheck.rulebook.vocabulary import EMPTY_VOCABULARY, Vocabulary

SEVERITIES = ("error", "warning", "info")
# The sources a provision can come from, each cited by the provision's key of the same name: the
# statute (Conn. Gen. Stat. §§ 10-234aa to 10-234dd for the bundled rulebook) and the board's policy.
SOURCES = ("statute", "policy")
SOURCE_NAMES = {"statute": "the statute", "policy": "the board's policy"}


@dataclass(frozen=True)
class PatternSpec:
    """A compiled pattern and the conditions under which a match counts.

    `negated`: True when the match counts only inside a negation ("will not sell"), False when only
    outside one ("may sell"), None when either way. `actor`: "vendor" (the vendor, or nobody named:
    passive voice binds the vendor in its own terms), "user" or "any". `unless`: exceptions, e.g. a
    transfer of data "in a merger" is not a sale.
    """

    pattern: Pattern
    negated: bool | None = None
    actor: str = "vendor"
    line: int | None = None
    unless: tuple[Pattern, ...] = ()  # the match does not count in a unit where one of these matches
    about: str | None = None  # a context role ("protected") the matched clause must name to count
    # For a contradicting pattern: the sources such a clause falls short of when not all of the
    # provision's (a clause that copies the statute's breach deadline falls short of the policy only).
    required_by: tuple[str, ...] | None = None

    @property
    def source(self) -> str:
        return self.pattern.source


@dataclass(frozen=True)
class Example:
    """A sentence that must give `expect` (present, conflict or missing) for its provision."""

    text: str
    expect: str
    line: int | None = None


@dataclass(frozen=True)
class Provision:
    id: str
    title: str
    severity: str
    required: bool
    group: str
    policy: str
    statute: str
    check: str
    # The sources that require the contract to contain this provision ("statute", "policy"); empty for
    # a duty that binds the operator whatever the contract says (it fails only when contradicted).
    required_by: tuple[str, ...] = ()
    satisfy: tuple[PatternSpec, ...] = ()
    contradict: tuple[PatternSpec, ...] = ()
    topic: tuple[PatternSpec, ...] = ()
    review: tuple[PatternSpec, ...] = ()
    max_hours: float | None = None  # the strictest limit of a deadline check
    # A deadline check's limit per source when they differ, e.g. (("policy", 48), ("statute", 720)).
    source_hours: tuple[tuple[str, float], ...] = ()
    jurisdiction: str | None = None
    amendment: str = ""
    description: str = ""
    examples: tuple[Example, ...] = ()
    line: int | None = None
    # When the document makes a student-specific commitment on this subject, a general clause that
    # never mentions students is read as being about the other users (teachers, parents, visitors).
    student_specific_wins: bool = False
    # The values of the keys only its check kind reads (checks.kinds), as the rulebook gives them; the
    # deadline and governing-law kinds' own are also read into the typed fields above.
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def citation(self) -> str:
        return self.citation_for(self.sources)

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources this provision cites, in the order of SOURCES."""
        return tuple(source for source in SOURCES if getattr(self, source))

    def citation_for(self, sources: tuple[str, ...]) -> str:
        """The citations of `sources`, statute first: "Conn. Gen. Stat. § 10-234bb(a)(1); Board policy ..."."""
        return "; ".join(getattr(self, source) for source in SOURCES if source in sources and getattr(self, source))

    @property
    def statute_term(self) -> bool:
        """The statute requires the contract to contain this term: a conflicting clause is void, and a
        contract without it is void if the contractor, after notice, does not amend it (10-234bb)."""
        return "statute" in self.required_by

    @property
    def always_statutory(self) -> bool:
        """Every finding that fails this provision concerns the statute (none can be policy only), so no
        waiver can accept one: a missing term the statute requires, and conflicts that fall short of it."""
        if "statute" not in self.sources or (self.required_by and not self.statute_term):
            return False
        narrowed = any(spec.required_by is not None and "statute" not in spec.required_by
                       for spec in self.contradict)
        return not narrowed and not any(source != "statute" for source, _ in self.source_hours)

    def limit_for(self, source: str) -> float | None:
        """A deadline check's limit for one source (the common `max_hours` when they share one)."""
        return dict(self.source_hours).get(source, self.max_hours)


@dataclass(frozen=True)
class Rulebook:
    id: str
    version: str
    title: str
    path: str
    provisions: tuple[Provision, ...]
    fuzzy: float = 88.0
    sha256: str = ""
    description: str = ""
    extra: dict = field(default_factory=dict)
    vocabulary: Vocabulary = EMPTY_VOCABULARY
    parent_files: tuple[str, ...] = ()  # the files of the rulebooks it extends (their ids: extra["extends"])

    @cached_property
    def pattern_words(self) -> frozenset[Word]:
        """Every word the rulebook's patterns can match, its term lists' included (for fuzzy spelling)."""
        words: set[Word] = set()
        for provision in self.provisions:
            for spec in provision.satisfy + provision.contradict + provision.topic + provision.review:
                words |= spec.pattern.words()
                for exception in spec.unless:
                    words |= exception.words()
        for phrases in self.vocabulary.terms.values():
            for phrase in phrases:
                words.update(phrase_words(phrase))
        return frozenset(words)

    def provision(self, provision_id: str) -> Provision:
        for provision in self.provisions:
            if provision.id == provision_id:
                return provision
        raise KeyError(provision_id)
