"""The JSON report: a stable, documented shape that other tools read (see README, "JSON report")."""

from __future__ import annotations

import json

from clausecheck import __version__
from clausecheck.findings import DocumentReport
from clausecheck.report_data import report_to_dict
from clausecheck.rulebook.model import Rulebook
from clausecheck.verdict import CheckRun

SCHEMA_VERSION = 1


def report_dict(reports: list[DocumentReport], rulebooks: list[Rulebook]) -> dict:
    first = rulebooks[0] if rulebooks else None
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "clausecheck", "version": __version__},
        "rulebook": {"id": first.id, "version": first.version, "path": first.path} if first else None,
        "rulebooks": [{"id": rulebook.id, "version": rulebook.version, "path": rulebook.path}
                      for rulebook in rulebooks],
        "documents": [report_to_dict(report) for report in reports],
    }


def render(run: CheckRun) -> str:
    """The report of a whole run: the documented shape, plus the threshold, summary and notices."""
    from dataclasses import asdict

    data = report_dict(list(run.reports), list(run.rulebooks))
    data["fail_on"] = run.fail_on
    data["summary"] = asdict(run.summary)
    data["notices"] = list(run.notices)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
