"""Read a saved JSON report (`clausecheck check --format json`) back into DocumentReports, so a letter
can be written from the findings someone already reviewed, without checking the contract again."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from clausecheck.errors import UsageError
from clausecheck.findings import STATUSES, DocumentReport, Evidence, Finding
from clausecheck.rulebook.model import SOURCES


@dataclass(frozen=True)
class SavedReport:
    documents: tuple[DocumentReport, ...]
    rulebooks: str  # "ct-student-data-privacy 1.0"
    tool_version: str


def read_saved_report(path: str | Path) -> SavedReport:
    from clausecheck.errors import read_user_file

    path = Path(path)
    text = read_user_file(path, "report")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise UsageError(f"{path}: not a JSON report from `clausecheck check --format json` ({error})") from None
    except RecursionError:
        raise UsageError(f"{path}: not a JSON report from `clausecheck check --format json` (nested too "
                         "deeply)") from None
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise UsageError(f"{path}: not a JSON report from `clausecheck check --format json` (no 'documents')")
    try:
        documents = tuple(_document(item) for item in data["documents"])
    except (KeyError, TypeError, ValueError) as error:
        raise UsageError(f"{path}: the report is damaged or of another version ({error})") from None
    rulebooks = ", ".join(f"{book.get('id')} {book.get('version')}".strip()
                          for book in data.get("rulebooks") or [] if isinstance(book, dict))
    return SavedReport(documents, rulebooks or "the rulebook", str((data.get("tool") or {}).get("version", "")))


def select_document(report: SavedReport, contract: str | None, where: str) -> DocumentReport:
    """The document of the report that `contract` names, or its only document."""
    if contract is None:
        if len(report.documents) != 1:
            names = ", ".join(document.path for document in report.documents)
            raise UsageError(f"{where} holds {len(report.documents)} documents ({names}); name the contract "
                             f"to write the letter for")
        return report.documents[0]
    wanted = Path(contract)
    matches = [document for document in report.documents
               if document.path == contract or Path(document.path).resolve() == wanted.resolve()]
    if not matches:
        matches = [document for document in report.documents if Path(document.path).name == wanted.name]
    if len(matches) == 1:
        return matches[0]
    names = ", ".join(document.path for document in report.documents) or "none"
    raise UsageError(f"{where} has {'several' if matches else 'no'} findings for {contract} (documents: {names})")


def _document(item: dict) -> DocumentReport:
    return DocumentReport(
        path=str(item["path"]), error=item.get("error"), pages=item.get("pages"), format=item.get("format"),
        sha256=item.get("sha256"), warnings=tuple(item.get("warnings") or ()),
        findings=tuple(_finding(finding) for finding in item.get("findings") or ()))


def _finding(item: dict) -> Finding:
    status = item["status"]
    if status not in STATUSES:
        raise ValueError(f"unknown status '{status}'")
    evidence = tuple(Evidence(quote=str(part.get("quote", "")), page=part.get("page"), section=part.get("section"),
                              start=int(part.get("start", 0)), end=int(part.get("end", 0)),
                              score=float(part.get("score", 0.0)), role=str(part.get("role", "")),
                              line=_line(part.get("line")), end_line=_line(part.get("end_line")))
                     for part in item.get("evidence") or ())
    if "required_by" not in item or "statute_term" not in item:
        # What a letter may say of a finding (void, or a policy term) depends on its sources.
        raise ValueError("no 'required_by': it predates the findings' sources; write it again with "
                         "`clausecheck check --format json`")
    sources = item["required_by"]
    if not isinstance(sources, list) or not all(source in SOURCES for source in sources):
        raise ValueError(f"'required_by' must list sources from {', '.join(SOURCES)}")
    return Finding(provision=str(item["provision"]), title=str(item.get("title", item["provision"])),
                   severity=str(item.get("severity", "error")), status=status,
                   score=float(item.get("score", 0.0)), required=bool(item.get("required", True)),
                   evidence=evidence, amendment=str(item.get("amendment") or ""),
                   citation=str(item.get("citation") or ""), reason=str(item.get("reason") or ""),
                   waived=item.get("waived"), required_by=tuple(sources), statute_term=item["statute_term"] is True)


def _line(value: object) -> int | None:
    """A line number of a saved report: a whole number from 1, else none (PDF and Word quotes have none)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else None
