"""The definition check: a provision whose wording lives in a definition ("Confidential Information includes
information disclosed orally").

The phrase check skips definitions, because a definition promises nothing: "'Sale' means ..." is not
a promise to sell. Some provisions are about what a defined term covers, though, and there the
definition is the clause to read. This kind adds, to the phrase check's hits (the engine runs the
phrase check for every kind), the matches that stand inside a definition; negation and actor still
apply to them as to any other match.
"""

from __future__ import annotations

from dataclasses import fields, replace

from clausecheck.checks.base import CheckContext, Hit, find_hits
from clausecheck.checks.context import MatchContext
from clausecheck.checks.kinds import CheckKind
from clausecheck.findings import REVIEW
from clausecheck.rulebook.model import Provision


class _DefinitionsCount(CheckContext):
    """A view of a document's check context in which definitions are read like any other clause."""

    _inner: CheckContext
    definition_units: set[int]

    @classmethod
    def of(cls, inner: CheckContext) -> _DefinitionsCount:
        view = cls(**{item.name: getattr(inner, item.name) for item in fields(inner) if item.init})
        view._inner = inner
        view.definition_units = set()
        return view

    def context(self, unit_index: int, first: int, last: int) -> MatchContext:
        context = self._inner.context(unit_index, first, last)
        if not context.definition:
            return context
        self.definition_units.add(unit_index)
        return replace(context, definition=False)


def definition_hits(check: CheckContext, provision: Provision) -> list[Hit]:
    """Matches of the provision's patterns inside definitions (the phrase check supplies the rest)."""
    view = _DefinitionsCount.of(check)
    hits = find_hits(view, provision.satisfy, "satisfies")
    hits += find_hits(view, provision.contradict, "contradicts")
    hits += find_hits(view, provision.review, REVIEW)
    return [hit for hit in hits if hit.unit in view.definition_units]


KIND = CheckKind("definition", definition_hits, "wording that may stand inside a definition",
                 needs=(("satisfy", "contradict"),))
