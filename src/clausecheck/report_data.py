"""A DocumentReport as plain data and back: the form of the JSON report's documents and of the cache.

`report_to_dict` writes every field a report is rebuilt from, and `report_from_dict` rebuilds it,
refusing data of the wrong shape, type or range with a `MalformedReport` that says what is wrong and
where. Each reader adds what it alone needs: the cache, that an entry is exactly what this checker
writes for this content and rulebooks (cache_entry.py); the reader of saved reports, the keys a report
saved by an earlier clausecheck may lack and what to do with one that predates the findings' sources
(saved_report.py).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from clausecheck.findings import EVIDENCE_ROLES, STATUSES, DocumentReport, Evidence, Finding, Role
from clausecheck.rulebook.model import SEVERITIES, SOURCES

DOCUMENT_FORMATS = ("pdf", "docx", "text", "markdown")
# The keys evidence gained after findings named their sources (a report without those cannot be read for a
# letter: see saved_report.py), with the value each stands for in a report saved before; only a reader
# of saved reports accepts their absence (`saved`).
ADDED_TO_EVIDENCE = {"end_line": None, "context": "", "context_start": 0}


class MalformedReport(ValueError):
    """Report data that is not what `report_to_dict` writes. `missing` names the key whose absence is
    what is wrong, if that is what is wrong."""

    def __init__(self, where: str, what: str, missing: str | None = None) -> None:
        super().__init__(f"{where}: {what}")
        self.missing = missing


def report_to_dict(report: DocumentReport) -> dict:
    """Every field of `report`, in JSON types: lossless, so `report_from_dict` gives back an equal report."""
    return {"path": report.path, "error": report.error, "pages": report.pages, "format": report.format,
            "sha256": report.sha256, "warnings": list(report.warnings), "ocr_pages": list(report.ocr_pages),
            "findings": [_finding_to_dict(finding) for finding in report.findings]}


def _finding_to_dict(finding: Finding) -> dict:
    return {"provision": finding.provision, "title": finding.title, "severity": finding.severity,
            "status": finding.status, "score": finding.score, "required": finding.required,
            "reason": finding.reason, "evidence": [_evidence_to_dict(item) for item in finding.evidence],
            "amendment": finding.amendment, "citation": finding.citation,
            "required_by": list(finding.required_by), "statute_term": finding.statute_term,
            "waived": finding.waived, "baseline": finding.baseline}


def _evidence_to_dict(evidence: Evidence) -> dict:
    return {"quote": evidence.quote, "page": evidence.page, "section": evidence.section, "line": evidence.line,
            "end_line": evidence.end_line, "start": evidence.start, "end": evidence.end, "score": evidence.score,
            "role": evidence.role, "highlights": [list(span) for span in evidence.highlights],
            "context": evidence.context, "context_start": evidence.context_start}


def report_from_dict(data: object, *, saved: bool = False) -> DocumentReport:
    """The report `data` holds, as `report_to_dict` wrote it; MalformedReport if it is not. With
    `saved` (a JSON report a person kept, perhaps from another clausecheck version), it may lack the
    keys of ADDED_TO_EVIDENCE and may hold keys added since, which are ignored, as the JSON report's
    documentation promises readers; the cache takes only exactly what it writes."""
    fields = _fields(data, DocumentReport, "a document", {}, saved)
    path = fields["path"]
    where = f"document {path!r}" if isinstance(path, str) and path else "a document"
    findings = _list(fields["findings"], where, "findings")
    return DocumentReport(
        path=_text(path, where, "path"),
        error=_text(fields["error"], where, "error", optional=True),
        pages=_whole(fields["pages"], where, "pages", minimum=1, optional=True),
        format=_one_of(fields["format"], where, "format", DOCUMENT_FORMATS, optional=True),
        sha256=_text(fields["sha256"], where, "sha256", optional=True),
        findings=tuple(_finding(item, f"{where}, finding {number}", saved)
                       for number, item in enumerate(findings, start=1)),
        warnings=tuple(_text(item, where, "a warning") for item in _list(fields["warnings"], where, "warnings")),
        ocr_pages=tuple(_whole(item, where, "an OCR page", minimum=1)
                        for item in _list(fields["ocr_pages"], where, "ocr_pages")))


def _finding(data: object, where: str, saved: bool) -> Finding:
    if isinstance(data, dict) and isinstance(data.get("provision"), str):
        where = f"{where} ({_shown(data['provision'])})"
    fields = _fields(data, Finding, where, {}, saved)
    evidence = _list(fields["evidence"], where, "evidence")
    return Finding(
        provision=_text(fields["provision"], where, "provision"), title=_text(fields["title"], where, "title"),
        severity=_one_of(fields["severity"], where, "severity", SEVERITIES),
        status=_one_of(fields["status"], where, "status", STATUSES),
        score=_score(fields["score"], where, "score"), required=_flag(fields["required"], where, "required"),
        evidence=tuple(_evidence(item, f"{where}, evidence {number}", saved)
                       for number, item in enumerate(evidence, start=1)),
        amendment=_text(fields["amendment"], where, "amendment"),
        citation=_text(fields["citation"], where, "citation"), reason=_text(fields["reason"], where, "reason"),
        waived=_text(fields["waived"], where, "waived", optional=True),
        required_by=tuple(_one_of(item, where, "a source in required_by", SOURCES)
                          for item in _list(fields["required_by"], where, "required_by")),
        statute_term=_flag(fields["statute_term"], where, "statute_term"),
        baseline=_text(fields["baseline"], where, "baseline", optional=True))


def _evidence(data: object, where: str, saved: bool) -> Evidence:
    fields = _fields(data, Evidence, where, ADDED_TO_EVIDENCE if saved else {}, saved)
    start = _whole(fields["start"], where, "start")
    return Evidence(
        quote=_text(fields["quote"], where, "quote"),
        page=_whole(fields["page"], where, "page", minimum=1, optional=True),
        section=_text(fields["section"], where, "section", optional=True),
        start=start, end=_whole(fields["end"], where, "end", minimum=start),
        score=_score(fields["score"], where, "score"),
        role=Role(_one_of(fields["role"], where, "role", EVIDENCE_ROLES)),
        line=_whole(fields["line"], where, "line", minimum=1, optional=True),
        end_line=_whole(fields["end_line"], where, "end_line", minimum=1, optional=True),
        context=_text(fields["context"], where, "context"),
        context_start=_whole(fields["context_start"], where, "context_start"),
        highlights=tuple(_span(span, where) for span in _list(fields["highlights"], where, "highlights")))


def _fields(data: object, record: type, where: str, defaults: Mapping[str, object],
            other_keys_ignored: bool = False) -> dict:
    """`data` as a dict of exactly the record's fields, those absent taken from `defaults`; a key the
    record lacks is refused, or with `other_keys_ignored` left out."""
    if not isinstance(data, dict):
        raise MalformedReport(where, f"{_shown(data)} is not an object")
    names = record.__dataclass_fields__
    unknown = [key for key in data if key not in names]
    if unknown and not other_keys_ignored:
        raise MalformedReport(where, f"unknown key {_shown(unknown[0])}")
    for name in names:
        if name not in data and name not in defaults:
            raise MalformedReport(where, f"no {name!r}", missing=name)
    return {**defaults, **{key: value for key, value in data.items() if key in names}}


def _text(value: object, where: str, name: str, optional: bool = False) -> str | None:
    if not (isinstance(value, str) or (optional and value is None)):
        raise MalformedReport(where, f"{name} is {_shown(value)}, not text")
    return value


def _whole(value: object, where: str, name: str, minimum: int = 0, optional: bool = False) -> int | None:
    if optional and value is None:
        return value
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise MalformedReport(where, f"{name} is {_shown(value)}, not a whole number from {minimum}")
    return value


def _score(value: object, where: str, name: str) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value) \
            or not 0.0 <= value <= 1.0:
        raise MalformedReport(where, f"{name} is {_shown(value)}, not a number from 0 to 1")
    return float(value)


def _flag(value: object, where: str, name: str) -> bool:
    if not isinstance(value, bool):
        raise MalformedReport(where, f"{name} is {_shown(value)}, not true or false")
    return value


def _one_of(value: object, where: str, name: str, choices: tuple[str, ...], optional: bool = False) -> str | None:
    if not (isinstance(value, str) and value in choices or (optional and value is None)):
        raise MalformedReport(where, f"{name} is {_shown(value)}, not one of {', '.join(choices)}")
    return value


def _list(value: object, where: str, name: str) -> list:
    if not isinstance(value, list):
        raise MalformedReport(where, f"{name} is {_shown(value)}, not a list")
    return value


def _span(value: object, where: str) -> tuple[int, int]:
    if not isinstance(value, list) or len(value) != 2:
        raise MalformedReport(where, f"a highlight is {_shown(value)}, not a [start, end] pair")
    start = _whole(value[0], where, "a highlight's start")
    return start, _whole(value[1], where, "a highlight's end", minimum=start)


def _shown(value: object) -> str:
    """A refused value as a message shows it: short, never the whole of a long text."""
    shown = repr(value)
    return shown if len(shown) <= 40 else f"{shown[:37]}..."
