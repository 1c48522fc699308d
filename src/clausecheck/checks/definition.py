"""The definition check: a provision whose wording lives in a definition ("Confidential Information includes
information disclosed orally").

The phrase check skips definitions, because a definition promises nothing: "'Sale' means ..." is not
a promise to sell. Some provisions are about what a defined term covers, though, and there the
definition is the clause to read. This kind adds, to the phrase check's hits (its KIND asks the engine
for them), the matches that stand inside a definition; negation and actor still apply to them as to any
other match.
"""

from __future__ import annotations

from clausecheck.checks.base import CheckContext, Hit, find_hits
from clausecheck.checks.kinds import CheckKind
from clausecheck.findings import Role
from clausecheck.rulebook.model import Provision


def definition_hits(check: CheckContext, provision: Provision) -> list[Hit]:
    """Matches of the provision's patterns inside definitions (the phrase check supplies the rest)."""
    hits = find_hits(check, provision.satisfy, Role.SATISFIES, in_definitions=True)
    hits += find_hits(check, provision.contradict, Role.CONTRADICTS, in_definitions=True)
    hits += find_hits(check, provision.review, Role.REVIEW, in_definitions=True)
    return hits


KIND = CheckKind("definition", definition_hits, "wording that may stand inside a definition",
                 needs=(("satisfy", "contradict"),))
