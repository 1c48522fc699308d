"""Read a cache entry back into a DocumentReport only if every part of it is what the checker writes.

A cache restored in CI is input: anyone who can write to it can edit an entry. An entry is accepted
only when it is a JSON object of the current format, made for this document's content and this
checker and rulebooks, and its report has exactly the rulebooks' provisions, with their titles,
severities, citations and amendments, known statuses, evidence of the kinds each status needs, and
fields of the right types. Anything else is `BadEntry`, which the cache treats as a miss: the file is
checked afresh. A well-formed forgery cannot be told from a real entry (see the README, "Cache").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from clausecheck.findings import (
    CONFLICT,
    EVIDENCE_ROLES,
    MISSING,
    PRESENT,
    REVIEW,
    STATUSES,
    DocumentReport,
    Evidence,
    Finding,
)

if TYPE_CHECKING:
    from clausecheck.rulebook.model import Provision

ROLES = tuple(EVIDENCE_ROLES)
SEVERITIES = ("error", "warning", "info")
REQUIRED_ROLE = {PRESENT: "satisfies", CONFLICT: "contradicts"}


class BadEntry(ValueError):
    """A cache entry that is not exactly what the checker writes."""


def _expect(condition: bool, what: str) -> None:
    if not condition:
        raise BadEntry(what)


def _text(value: object, what: str, optional: bool = False) -> None:
    _expect(isinstance(value, str) or (optional and value is None), f"{what} is not text")


def _whole(value: object, what: str, optional: bool = False, minimum: int = 0) -> None:
    if optional and value is None:
        return
    _expect(isinstance(value, int) and not isinstance(value, bool) and value >= minimum, f"{what} is not a count")


def _score(value: object, what: str) -> None:
    _expect(isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
            and 0.0 <= value <= 1.0, f"{what} is not a score")


def _evidence(data: object) -> Evidence:
    _expect(isinstance(data, dict) and set(data) == set(Evidence.__dataclass_fields__), "evidence fields")
    _text(data["quote"], "quote")
    _whole(data["page"], "page", optional=True, minimum=1)
    _text(data["section"], "section", optional=True)
    _whole(data["start"], "start")
    _whole(data["end"], "end", minimum=data["start"])
    _score(data["score"], "evidence score")
    _expect(data["role"] in ROLES, "role")
    _whole(data["line"], "line", optional=True, minimum=1)
    _whole(data["end_line"], "end line", optional=True, minimum=1)
    _text(data["context"], "context")
    _whole(data["context_start"], "context start")
    spans = data["highlights"]
    _expect(isinstance(spans, list), "highlights")
    for span in spans:
        _expect(isinstance(span, list) and len(span) == 2, "highlight")
        _whole(span[0], "highlight start")
        _whole(span[1], "highlight end", minimum=span[0])
    return Evidence(**{**data, "highlights": tuple(tuple(span) for span in spans)})


def _finding(data: object, provision: Provision | _Unchecked) -> Finding:
    _expect(isinstance(data, dict) and set(data) == set(Finding.__dataclass_fields__), "finding fields")
    _expect(isinstance(data["required_by"], list) and all(item in provision.sources for item in data["required_by"]),
            "required_by")
    _expect(data["provision"] == provision.id and data["title"] == provision.title
            and data["severity"] == provision.severity and data["required"] is provision.required
            and data["statute_term"] is provision.statute_term
            and data["citation"] == provision.citation_for(tuple(data["required_by"])),
            "finding does not match its provision")
    status = data["status"]
    _expect(status in STATUSES, "status")
    _expect(data["amendment"] == (provision.amendment if status in (CONFLICT, MISSING, REVIEW) else ""), "amendment")
    _score(data["score"], "score")
    _text(data["reason"], "reason")
    _expect(data["waived"] is None and data["baseline"] is None, "a stored finding is neither waived nor known")
    _expect(isinstance(data["evidence"], list), "evidence")
    evidence = tuple(_evidence(item) for item in data["evidence"])
    roles = {item.role for item in evidence}
    if status in REQUIRED_ROLE:
        _expect(REQUIRED_ROLE[status] in roles, f"a {status} finding without {REQUIRED_ROLE[status]} evidence")
    if status == MISSING:
        _expect(not evidence, "a missing finding with evidence")
    if status == REVIEW:
        _expect(roles <= {"weak"}, "a review finding with strong evidence")
    return Finding(**{**data, "required_by": tuple(data["required_by"]), "evidence": evidence})


def report_from_entry(data: object, document_sha256: str, provisions: Sequence[Provision] | None) -> DocumentReport:
    """The report an entry holds; BadEntry unless it is exactly what the checker writes for a document
    with this SHA-256 checked against `provisions` (None: the provisions are not checked)."""
    _expect(isinstance(data, dict) and set(data) == set(DocumentReport.__dataclass_fields__), "report fields")
    _expect(data["path"] is None, "path")
    _expect(data["sha256"] == document_sha256, "the entry is for other content")
    _text(data["error"], "error", optional=True)
    _whole(data["pages"], "pages", optional=True, minimum=1)
    _expect(data["format"] in (None, "pdf", "docx", "text", "markdown"), "format")
    _expect(isinstance(data["warnings"], list) and all(isinstance(item, str) for item in data["warnings"]), "warnings")
    _expect(isinstance(data["ocr_pages"], list), "ocr_pages")
    for page in data["ocr_pages"]:
        _whole(page, "an OCR page", minimum=1)
    _expect(isinstance(data["findings"], list), "findings")
    if data["error"] is not None:
        _expect(not data["findings"] and data["format"] is None, "an unreadable document with findings")
        findings: tuple[Finding, ...] = ()
    else:
        _expect(data["format"] is not None, "format")
        if provisions is not None:
            _expect(len(data["findings"]) == len(provisions), "not one finding per provision")
            findings = tuple(_finding(item, provision) for item, provision in zip(data["findings"], provisions))
        else:
            findings = tuple(_finding(item, _Unchecked(item)) for item in data["findings"])
    return DocumentReport(path="", error=data["error"], pages=data["pages"], format=data["format"],
                          sha256=data["sha256"], findings=findings, warnings=tuple(data["warnings"]),
                          ocr_pages=tuple(data["ocr_pages"]))


class _Unchecked:
    """A stand-in provision that agrees with the finding it is made from (when none are given)."""

    def __init__(self, data: object) -> None:
        source = data if isinstance(data, dict) else {}
        self.id, self.title = source.get("provision"), source.get("title")
        self.severity, self.required = source.get("severity"), source.get("required")
        self.citation, self.amendment = source.get("citation"), source.get("amendment")
        self.statute_term = source.get("statute_term")
        sources = source.get("required_by")
        self.sources = tuple(sources) if isinstance(sources, list) else ()
        _expect(self.severity in SEVERITIES and isinstance(self.required, bool), "severity or required")

    def citation_for(self, sources: tuple[str, ...]) -> str:  # the finding's own citation, whatever the sources
        return self.citation
