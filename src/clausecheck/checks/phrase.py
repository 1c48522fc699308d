"""The phrase check: satisfying and contradicting wording, each with its polarity and actor."""

from __future__ import annotations

from dataclasses import replace

from clausecheck.checks.base import CheckContext, Hit, find_hits
from clausecheck.rulebook.model import Provision


def phrase_hits(check: CheckContext, provision: Provision) -> list[Hit]:
    hits = find_hits(check, provision.satisfy, "satisfies")
    hits += find_hits(check, provision.contradict, "contradicts")
    hits += [replace(hit, role="weak") for hit in find_hits(check, provision.review, "weak")]
    return hits
