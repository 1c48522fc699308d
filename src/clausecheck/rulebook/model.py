"""The rulebook as the engine sees it: provisions with compiled patterns, value checks and examples."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from clausecheck.rulebook.patterns import Pattern, Word, phrase_words
from clausecheck.rulebook.vocabulary import EMPTY_VOCABULARY, Vocabulary

CHECK_KINDS = ("phrase", "deadline", "governing-law", "definition", "permission")
SEVERITIES = ("error", "warning", "info")


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
    satisfy: tuple[PatternSpec, ...] = ()
    contradict: tuple[PatternSpec, ...] = ()
    topic: tuple[PatternSpec, ...] = ()
    review: tuple[PatternSpec, ...] = ()
    max_hours: float | None = None
    jurisdiction: str | None = None
    amendment: str = ""
    description: str = ""
    examples: tuple[Example, ...] = ()
    line: int | None = None
    # When the document makes a student-specific commitment on this subject, a general clause that
    # never mentions students is read as being about the other users (teachers, parents, visitors).
    student_specific_wins: bool = False

    @property
    def citation(self) -> str:
        return "; ".join(part for part in (self.policy, self.statute) if part)


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
