"""Read a saved JSON report (`clausecheck check --format json`) back into DocumentReports, so a letter
can be written from the findings someone already reviewed, without checking the contract again."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from clausecheck.errors import UsageError
from clausecheck.findings import DocumentReport
from clausecheck.report_data import MalformedReport, report_from_dict


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
        documents = tuple(report_from_dict(item, saved=True) for item in data["documents"])
    except MalformedReport as error:
        if error.missing in ("required_by", "statute_term"):
            # What a letter may say of a finding (void, or a policy term) depends on its sources.
            raise UsageError(f"{path}: the report is damaged or of another version (no '{error.missing}': it "
                             "predates the findings' sources; write it again with `clausecheck check --format "
                             "json`)") from None
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

