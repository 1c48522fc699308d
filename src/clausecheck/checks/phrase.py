"""The phrase check: satisfying and contradicting wording, each with its polarity and actor."""

from __future__ import annotations

from clausecheck.checks.base import CheckContext, Hit, find_hits
from clausecheck.checks.kinds import CheckKind
from clausecheck.findings import REVIEW
from clausecheck.rulebook.model import Provision


def phrase_hits(check: CheckContext, provision: Provision) -> list[Hit]:
    hits = find_hits(check, provision.satisfy, "satisfies")
    hits += find_hits(check, provision.contradict, "contradicts")
    hits += find_hits(check, provision.review, REVIEW)
    return hits


KIND = CheckKind("phrase", phrase_hits, "wording that satisfies or contradicts the provision",
                 needs=(("satisfy", "contradict"),), also_phrase=False)
