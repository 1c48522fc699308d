"""The phrase check: satisfying and contradicting wording, each with its polarity and actor."""

from __future__ import annotations

from clausecheck.checks.base import CheckContext, Hit, find_hits
from clausecheck.checks.kinds import CheckKind
from clausecheck.findings import Role
from clausecheck.rulebook.model import Provision


def phrase_hits(check: CheckContext, provision: Provision) -> list[Hit]:
    hits = find_hits(check, provision.satisfy, Role.SATISFIES)
    hits += find_hits(check, provision.contradict, Role.CONTRADICTS)
    hits += find_hits(check, provision.review, Role.REVIEW)
    return hits


KIND = CheckKind("phrase", phrase_hits, "wording that satisfies or contradicts the provision",
                 needs=(("satisfy", "contradict"),), also_phrase=False)
