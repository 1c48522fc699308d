"""The SARIF 2.1.0 report, for GitHub code scanning and other static-analysis dashboards.

One rule per provision (its title, the amendment as help text, the citation), one result per problem
finding (conflict, or a required provision missing or to review), located at the document with the
page, section and quote, and with the text-file lines where they can be found. The amendment is the
result's fix: an insertion of the amendment text at the quote (or the start of the document), which a
person carries into the contract by negotiation; no tool should apply it to a PDF. Waived findings
carry a SARIF suppression, so dashboards show them as accepted. Fingerprints are the findings' own
(document content + provision + status), stable across runs, folders and machines. Unreadable
documents are tool execution notifications, and make the invocation unsuccessful.

Written as plain dictionaries: the Python SARIF object models (sarif-om, last released 2019, and the
pydantic ones) are unmaintained or need their own serialisers, while the format is plain JSON whose
shape the official schema pins down; tests validate this output against that schema.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from clausecheck import __version__
from clausecheck.findings import MISSING, DocumentReport, Finding
from clausecheck.report.formats import (
    display_path,
    headline,
    level,
    place,
    problems,
    quote_lines,
    relative_path,
    required_by_line,
    shorten,
)
from clausecheck.report.headlines import sources_text
from clausecheck.verdict import CheckRun

if TYPE_CHECKING:
    from clausecheck.rulebook.model import Provision, Rulebook

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "clausecheckFinding/v1"
SEVERITY_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
MIME_TYPES = {"pdf": "application/pdf", "text": "text/plain", "markdown": "text/markdown",
              "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def artifact_uri(path: str) -> str:
    shown = relative_path(path)
    if Path(shown).is_absolute():
        return Path(shown).as_uri()
    return quote(shown, safe="/")


def _rule(provision: Provision, rulebook: Rulebook) -> dict[str, Any]:
    """The SARIF reportingDescriptor of a provision."""
    citation = f"\n\nCitation: {provision.citation}" if provision.citation else ""
    help_text = (provision.amendment or provision.title) + citation
    help_markdown = (f"**Contract language to add:**\n\n> {provision.amendment}\n\n" if provision.amendment else "") + \
                    (f"*Citation:* {provision.citation}" if provision.citation else "")
    required_by = sources_text(provision.required_by or provision.sources)
    if required_by:
        help_text += f"\n\nRequired by: {required_by}"
        help_markdown += f"\n\n*Required by:* {required_by}"
    return {
        "id": provision.id,
        "name": "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", provision.id) if part),
        "shortDescription": {"text": provision.title},
        "fullDescription": {"text": provision.description or provision.title},
        "help": {"text": help_text, "markdown": help_markdown or help_text},
        "defaultConfiguration": {"level": SEVERITY_LEVELS.get(provision.severity, "warning")},
        "properties": {"tags": [rulebook.id, provision.group, "required" if provision.required else "prohibition"],
                       "citation": provision.citation, "required": provision.required, "rulebook": rulebook.id,
                       "required_by": list(provision.required_by), "sources": list(provision.sources),
                       "rulebookVersion": rulebook.version},
    }


def _physical_location(report: DocumentReport, finding: Finding, uri: str, artifact: int) -> dict:
    """The document, with the quote's lines for a text file; a PDF's page and section (which a SARIF
    region cannot express) go in the location's properties, with the quote."""
    physical: dict = {"artifactLocation": {"uri": uri, "index": artifact}}
    if not finding.evidence:
        return physical
    first = finding.evidence[0]
    lines = quote_lines(report, finding)
    if lines:
        physical["region"] = {"startLine": lines[0], "endLine": lines[1],
                              "snippet": {"text": shorten(first.quote, 1000)}}
    properties = {key: value for key, value in (("page", first.page), ("section", first.section),
                                                ("quote", shorten(first.quote, 1000))) if value is not None}
    physical["properties"] = properties
    return physical


def _fix(report: DocumentReport, finding: Finding, uri: str, artifact: int) -> dict:
    lines = quote_lines(report, finding)
    insertion = {"startLine": lines[0], "startColumn": 1, "endLine": lines[0], "endColumn": 1} if lines \
        else {"charOffset": 0, "charLength": 0}
    return {"description": {"text": f"Amend the contract: {finding.amendment}"},
            "artifactChanges": [{"artifactLocation": {"uri": uri, "index": artifact},
                                 "replacements": [{"deletedRegion": insertion,
                                                   "insertedContent": {"text": finding.amendment + "\n"}}]}]}


def _message(finding: Finding, ocr_pages: tuple[int, ...]) -> str:
    text = headline(finding) + "."
    if finding.evidence and finding.status != MISSING:
        where = place(finding, ocr_pages)
        text += f" “{shorten(finding.evidence[0].quote, 200)}”" + (f" ({where})" if where else "")
    if finding.reason:
        text += f" Why: {finding.reason}."
    if finding.required_by:
        text += f" Required by: {required_by_line(finding)}."
    return text


def sarif_log(run: CheckRun) -> dict:
    rules, rule_index = [], {}
    for rulebook in run.rulebooks:
        for provision in rulebook.provisions:
            if provision.id not in rule_index:
                rule_index[provision.id] = len(rules)
                rules.append(_rule(provision, rulebook))
    artifacts, results, notifications = [], [], []
    baseline_used = any(finding.baseline for report in run.reports for finding in report.findings)
    for report in run.reports:
        uri = artifact_uri(report.path)
        artifact = len(artifacts)
        entry: dict = {"location": {"uri": uri}}
        if report.sha256:
            entry["hashes"] = {"sha-256": report.sha256}
        if report.format in MIME_TYPES:
            entry["mimeType"] = MIME_TYPES[report.format]
        artifacts.append(entry)
        location = {"physicalLocation": {"artifactLocation": {"uri": uri, "index": artifact}}}
        if report.error:
            notifications.append({"level": "error", "message": {"text": f"{display_path(report.path)}: {report.error}"},
                                  "locations": [location], "descriptor": {"id": "unreadable-document"}})
            continue
        for finding in problems(report):
            physical = _physical_location(report, finding, uri, artifact)
            result: dict = {
                "ruleId": finding.provision,
                "level": level(finding, run.fail_on),
                "message": {"text": _message(finding, report.ocr_pages)},
                "locations": [{"physicalLocation": physical}],
                "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint(report.sha256 or report.path)},
                "properties": {"status": finding.status, "score": finding.score,
                               "required": finding.required, "severity": finding.severity,
                               "citation": finding.citation, "required_by": list(finding.required_by),
                               "statute_term": finding.statute_term},
            }
            if finding.provision in rule_index:
                result["ruleIndex"] = rule_index[finding.provision]
            if finding.amendment:
                result["fixes"] = [_fix(report, finding, uri, artifact)]
            if finding.waived:
                result["suppressions"] = [{"kind": "external", "status": "accepted",
                                           "justification": finding.waived}]
            if baseline_used:  # known findings are not accepted ones: unchanged, not suppressed
                result["baselineState"] = "unchanged" if finding.baseline else "new"
            results.append(result)
    invocation: dict = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    driver = {"name": "clausecheck", "version": __version__, "semanticVersion": __version__, "rules": rules}
    return {"$schema": SCHEMA, "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "invocations": [invocation], "artifacts": artifacts,
                      "results": results, "columnKind": "unicodeCodePoints",
                      "properties": {"failOn": run.fail_on, "notices": list(run.notices)}}]}


def render(run: CheckRun) -> str:
    return json.dumps(sarif_log(run), indent=2, ensure_ascii=False) + "\n"
