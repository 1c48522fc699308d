"""The JSON report: a stable, documented shape that other tools read (see README, "JSON report")."""

from __future__ import annotations

import json

from clausecheck import __version__
from clausecheck.findings import DocumentReport
from clausecheck.rulebook.model import Rulebook

SCHEMA_VERSION = 1


def report_dict(reports: list[DocumentReport], rulebooks: list[Rulebook]) -> dict:
    first = rulebooks[0] if rulebooks else None
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "clausecheck", "version": __version__},
        "rulebook": {"id": first.id, "version": first.version, "path": first.path} if first else None,
        "rulebooks": [{"id": rulebook.id, "version": rulebook.version, "path": rulebook.path}
                      for rulebook in rulebooks],
        "documents": [report.to_dict() for report in reports],
    }


def render(reports: list[DocumentReport], rulebooks: list[Rulebook]) -> str:
    return json.dumps(report_dict(reports, rulebooks), indent=2, ensure_ascii=False) + "\n"
