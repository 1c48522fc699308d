"""What an amendment request asks for: the findings that need amending, those a person must confirm,
and those a waiver set aside, each with its quote, citation and proposed contract language.

The choice follows the check's own definition of a problem (`clausecheck.verdict.is_problem`), so
the letter lists what the report marks missing or in conflict: a conflict with any provision, and a
required statement that is missing or needs review. A provision that is not a required statement
(an operator prohibition the statute imposes anyway) and is only missing is not asked for. Severity
does not matter here: it decides what fails a CI run, while the law requires every statement; a
district that accepts a deviation records a waiver, and the letter honours it.

- conflict, and missing required statements: requested amendments.
- review (the check found wording it cannot judge): by default listed apart as "please confirm"
  items, with the proposed language, because a person must read the clause; `review="amend"` lists
  them with the amendments, `review="omit"` leaves them out.
- waived (the board accepted the deviation in the waivers file): left out of the request and listed in
  the file copy's appendix with the waiver's reason. A finding that is only known in a CI baseline is
  still asked for: the baseline lets CI pass while old contracts wait for their amendment, and this
  letter is how they get it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clausecheck.findings import CONFLICT, MISSING, REVIEW, DocumentReport, Finding
from clausecheck.verdict import is_problem

REVIEW_CHOICES = ("confirm", "amend", "omit")


@dataclass(frozen=True)
class Quote:
    """Contract text behind a finding, and where it is."""

    text: str
    page: int | None = None
    section: str | None = None

    @property
    def where(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.section:
            parts.append(f"section \u201c{self.section}\u201d")
        return ", ".join(parts)


@dataclass(frozen=True)
class RequestItem:
    """One provision the letter speaks about."""

    provision: str
    title: str
    status: str  # conflict | missing | review
    citation: str  # of the sources the finding concerns
    amendment: str
    quotes: tuple[Quote, ...] = ()
    reason: str = ""  # what the check saw, in words fit for the vendor ("", when it has none)
    waived: str = ""  # the waiver's reason, for waived items
    required_by: tuple[str, ...] = ()  # "statute", "policy": the sources the finding concerns
    statute_term: bool = False  # the statute requires the contract to contain this term (10-234bb(a))

    @property
    def basis(self) -> str:
        """statute, duty or policy: what the letter may say of the item (`clausecheck.statutory.basis`)."""
        from clausecheck.statutory import basis

        return basis(self.required_by, self.statute_term)

    @property
    def sections(self) -> tuple[str, ...]:
        """'Section 7.5' and the like: where the quoted clauses stand, for asking that they be deleted."""
        from clausecheck.analysis.sections import section_name

        return tuple(dict.fromkeys(name for quote in self.quotes if (name := section_name(quote.section))))


@dataclass(frozen=True)
class AmendmentRequest:
    """Everything the letter lists, in rulebook order."""

    amendments: tuple[RequestItem, ...]
    confirmations: tuple[RequestItem, ...]
    waived: tuple[RequestItem, ...]

    @property
    def empty(self) -> bool:
        """Nothing to ask the vendor: no letter is written."""
        return not self.amendments and not self.confirmations

    def with_basis(self, basis: str) -> tuple[RequestItem, ...]:
        """The items sent to the vendor (amendments and confirmations) on this basis (RequestItem.basis)."""
        return tuple(item for item in self.amendments + self.confirmations if item.basis == basis)


def amendment_request(report: DocumentReport, review: str = "confirm") -> AmendmentRequest:
    """Sort the findings of one checked contract into what the letter asks for."""
    if review not in REVIEW_CHOICES:
        raise ValueError(review)
    amendments: list[RequestItem] = []
    confirmations: list[RequestItem] = []
    waived: list[RequestItem] = []
    for finding in report.findings:
        if not is_problem(finding):
            continue
        waiver = board_waiver(finding)
        item = request_item(finding, waiver)
        if waiver:
            waived.append(item)
        elif finding.status in (CONFLICT, MISSING) or review == "amend":
            amendments.append(item)
        elif review == "confirm":
            confirmations.append(item)
    return AmendmentRequest(tuple(amendments), tuple(confirmations), tuple(waived))


def board_waiver(finding: Finding) -> str:
    """The waiver that covers `finding` ("<reason> (approved by ...; expires ...)"), or "" (also for a
    finding known in a baseline, which is `finding.baseline`). A report saved by an earlier version wrote
    it after "waiver: "."""
    return re.sub(r"^waiver:\s*", "", finding.waived or "")


def request_item(finding: Finding, waived: str = "") -> RequestItem:
    if finding.status == CONFLICT:
        shown = [item for item in finding.evidence if item.role == "contradicts"] or list(finding.evidence)
    elif finding.status == REVIEW:
        shown = list(finding.evidence)
    else:
        shown = []
    return RequestItem(
        provision=finding.provision, title=finding.title, status=finding.status, citation=finding.citation,
        amendment=" ".join(finding.amendment.split()),
        quotes=tuple(Quote(" ".join(item.quote.split()), item.page, item.section) for item in shown[:2]),
        reason=plain_reason(finding), waived=waived, required_by=finding.required_by,
        statute_term=finding.statute_term)


def plain_reason(finding: Finding) -> str:
    """The check's reason when it is written for people ("the law of California governs, not
    Connecticut"); phrase checks report the pattern they matched, which a vendor need not read."""
    reason = " ".join(finding.reason.split())
    if finding.status == MISSING or not reason or reason.startswith("matches "):
        return ""
    first = reason.split()[0]
    return f"the clause {reason}" if first in _VERBS else reason


# Reasons that start with a verb ("sets a limit of 72 hours") get a subject in the letter.
_VERBS = frozenset({"sets", "promises", "allows", "permits", "grants", "requires", "gives", "says", "names",
                    "has", "lets", "keeps", "uses", "shares", "sells"})
