"""What a board can set aside and what it cannot: its own policy's terms, never the statute's.

A waiver, a baseline entry, a severity override and a rulebook that disables or weakens a provision all
ask here, so the rule and its wording live in one place. A provision is statutory when it cites the
statute; a finding is statutory when it concerns the statute (a term the statute requires that is
missing, or a clause that falls short of the statute), which a policy-only finding of the same
provision does not (a 72-hour breach notice is lawful and falls short of the policy's 48 hours only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clausecheck.findings import Finding

if TYPE_CHECKING:
    from clausecheck.rulebook.model import Provision

REFUSAL = "a board can set aside its own policy's terms, not the statute's"


def statutory_finding(finding: Finding) -> bool:
    return "statute" in finding.required_by


def statutory_provision(provision: Provision) -> bool:
    return "statute" in provision.sources


def statute_named(provision: Provision) -> str:
    """"'data-ownership' is required by the statute (Conn. Gen. Stat. § 10-234bb(a)(1))"."""
    return f"'{provision.id}' is required by the statute ({provision.statute})"


def basis(required_by: tuple[str, ...], statute_term: bool) -> str:
    """What makes a finding binding, which decides what may be said of it:
    statute: a term the statute requires in the contract (a conflicting clause is void; a contract without
             it is void if the contractor, after notice, does not amend it);
    duty:    what the statute forbids an operator whatever the contract says;
    policy:  a term the board's policy requires for its contracts (never void)."""
    if "statute" in required_by:
        return "statute" if statute_term else "duty"
    return "policy"
