"""The records the engine produces: a Finding per provision with its evidence, and a per-document report."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum

PRESENT = "present"
CONFLICT = "conflict"
MISSING = "missing"
REVIEW = "review"
STATUSES = (PRESENT, CONFLICT, MISSING, REVIEW)


class Role(StrEnum):
    """What a clause does for a provision. A piece of evidence `satisfies` it, `contradicts` it, or is a
    `weak` match a person must judge; while a check runs, a hit may also be a `topic` clause (on the
    provision's subject, for its check kind to judge: a notice's time limit, a governing-law clause) or
    the match of a `review` pattern (weak evidence by design)."""

    SATISFIES = "satisfies"
    CONTRADICTS = "contradicts"
    WEAK = "weak"
    TOPIC = "topic"
    REVIEW = "review"


EVIDENCE_ROLES = (Role.SATISFIES, Role.CONTRADICTS, Role.WEAK)


@dataclass(frozen=True)
class Evidence:
    """A quote from the document that supports a finding, traceable to its place."""

    quote: str
    page: int | None
    section: str | None
    start: int
    end: int
    score: float
    role: str  # a Role of EVIDENCE_ROLES
    line: int | None = None  # 1-based line of the quote's start in a text or Markdown file
    end_line: int | None = None  # ... and of its end
    # The paragraph the quote stands in (clipped around it) and where that paragraph starts in the
    # document text, so a report can show the clause in its surroundings without re-reading the file.
    context: str = ""
    context_start: int = 0
    highlights: tuple[tuple[int, int], ...] = ()  # document offsets of the words that matched the rule


@dataclass(frozen=True)
class Finding:
    """The verdict on one provision for one document."""

    provision: str
    title: str
    severity: str
    status: str
    score: float
    required: bool
    evidence: tuple[Evidence, ...] = ()
    amendment: str = ""
    citation: str = ""
    reason: str = ""
    waived: str | None = None  # why a deviation the board accepted is accepted (a waiver), or None
    # The sources this finding concerns ("statute", "policy"): those that require the provision, or for
    # a conflict those the contradicting clause falls short of; `citation` cites exactly these.
    required_by: tuple[str, ...] = ()
    # The statute requires the contract to contain this term (Conn. Gen. Stat. § 10-234bb(a)): a clause
    # that conflicts with it is void, and a contract without it is void if not amended after notice.
    statute_term: bool = False
    baseline: str | None = None  # the baseline file that records this finding as known, or None

    def fingerprint(self, document_hash: str) -> str:
        """A stable identifier of this finding for this document content (for baselines and SARIF)."""
        raw = f"{document_hash}:{self.provision}:{self.status}"
        return hashlib.sha256(raw.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class DocumentReport:
    """What was found in one document, or why it could not be read."""

    path: str
    error: str | None = None
    pages: int | None = None
    format: str | None = None
    sha256: str | None = None
    findings: tuple[Finding, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    ocr_pages: tuple[int, ...] = ()  # pages read by OCR: their quotes must be checked against the page
