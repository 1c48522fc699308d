"""The permission check: a provision the contract meets by allowing something, where an exception beats
the general rule it qualifies.

Contracts state a broad rule and carve exceptions out of it: "Recipient shall not disclose Confidential
Information to any third party" and, a page later, "Recipient may disclose it to its professional
advisers". `satisfy` patterns find the permission; `topic` patterns find the general rule that would
deny it, which contradicts only when no clause of the document gives the permission. `contradict`
patterns are denials that no exception lifts, and win as in the phrase check (the engine runs the
phrase check for every kind).
"""

from __future__ import annotations

from dataclasses import replace

from clausecheck.checks.base import CheckContext, Hit, find_hits
from clausecheck.checks.kinds import CheckKind
from clausecheck.findings import CONFLICT, Role
from clausecheck.rulebook.model import Provision


def permission_hits(check: CheckContext, provision: Provision) -> list[Hit]:
    """The general rules (`topic`) as contradictions, unless a `satisfy` pattern finds the permission."""
    if any(hit.role == Role.SATISFIES for hit in find_hits(check, provision.satisfy, Role.SATISFIES)):
        return []
    return [replace(hit, role=Role.CONTRADICTS if hit.role == Role.TOPIC else Role.WEAK,
                    reason=f"{hit.reason}, and no clause allows it")
            for hit in find_hits(check, provision.topic, Role.TOPIC)]


KIND = CheckKind("permission", permission_hits, "a general rule that conflicts unless a clause gives the permission",
                 needs=(("satisfy",), ("topic",)), verdicts_of_its_own=(CONFLICT,))
