"""The JUnit XML report, so CI test tabs list every document x provision as a test case.

One test suite per document, one test case per provision: a finding that fails the run at the chosen
threshold is a <failure>, a waived one is <skipped> with the waiver, an unreadable document is one
test case with an <error>. Built with the standard library's ElementTree, which escapes text and
attributes; the JUnit "format" has no official schema and the Python JUnit writers add nothing that a
few elements need. Characters XML 1.0 forbids (control codes a hostile PDF may carry) are removed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from clausecheck.findings import PRESENT, DocumentReport
from clausecheck.report.formats import display_path, headline, problem_message
from clausecheck.verdict import CheckRun

_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: object) -> str:
    return _NOT_XML.sub("\ufffd", str(text))


def _element(parent: ElementTree.Element, tag: str, text: str | None = None,
             **attributes: object) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, tag, {key: _clean(value) for key, value in attributes.items()})
    if text is not None:
        element.text = _clean(text)
    return element


def _suite(root: ElementTree.Element, report: DocumentReport, run: CheckRun) -> dict[str, int]:
    path = display_path(report.path)
    suite = _element(root, "testsuite", name=path)
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    if report.sha256:
        properties = _element(suite, "properties")
        _element(properties, "property", name="sha256", value=report.sha256)
    if report.error:
        case = _element(suite, "testcase", classname=path, name="document can be read", file=path)
        _element(case, "error", report.error, message=report.error, type="unreadable")
        counts["tests"] = counts["errors"] = 1
    for finding in report.findings:
        case = _element(suite, "testcase", classname=path, name=f"{finding.provision}: {finding.title}", file=path)
        counts["tests"] += 1
        if run.failing(finding):
            _element(case, "failure", problem_message(finding, report.ocr_pages), message=headline(finding),
                     type=finding.status)
            counts["failures"] += 1
        elif finding.waived and finding.status != PRESENT:
            _element(case, "skipped", message=f"waived: {finding.waived}")
            counts["skipped"] += 1
        elif finding.baseline and finding.status != PRESENT:
            _element(case, "skipped", message=f"known (baseline): {finding.status}, recorded in {finding.baseline}")
            counts["skipped"] += 1
        elif finding.status != PRESENT:
            _element(case, "system-out", problem_message(finding, report.ocr_pages))
    for key, value in counts.items():
        suite.set(key, str(value))
    return counts


def render(run: CheckRun) -> str:
    root = ElementTree.Element("testsuites", {"name": "clausecheck"})
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for report in run.reports:
        for key, value in _suite(root, report, run).items():
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
