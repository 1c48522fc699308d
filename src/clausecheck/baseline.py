"""A baseline: the findings already known when the tool was adopted, which then no longer fail a run.

`--write-baseline FILE` records every problem found (conflicts, and required provisions missing or to
review) by its fingerprint: the document's content hash, the provision and the status. `--baseline
FILE` marks the findings with a recorded fingerprint as waived, so only new problems fail: a new or
changed contract, or a known contract whose finding got worse. Fingerprints follow the content, so a
contract that is edited is judged afresh. The file is sorted JSON that diffs well in review.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace

from clausecheck.errors import ConfigError, read_user_file
from clausecheck.findings import DocumentReport
from clausecheck.verdict import is_problem

BASELINE_FORMAT = 1


@dataclass(frozen=True)
class Baseline:
    path: str
    fingerprints: frozenset[str]
    entries: tuple[dict, ...]


def baseline_entries(reports: list[DocumentReport]) -> list[dict]:
    entries = [{"path": report.path, "sha256": report.sha256, "provision": finding.provision,
                "status": finding.status, "fingerprint": finding.fingerprint(report.sha256)}
               for report in reports if not report.error and report.sha256
               for finding in report.findings if is_problem(finding)]
    return sorted(entries, key=lambda entry: (entry["path"], entry["provision"]))


def write_baseline(path: str | os.PathLike, reports: list[DocumentReport]) -> int:
    """Record the problems in `reports`; return how many."""
    from clausecheck import __version__
    from clausecheck.output import write_atomic

    entries = baseline_entries(reports)
    data = {"clausecheck_baseline": BASELINE_FORMAT, "tool_version": __version__, "findings": entries}
    write_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return len(entries)


def load_baseline(path: str | os.PathLike) -> Baseline:
    source = str(path)
    text = read_user_file(path, "baseline", missing="create one with --write-baseline")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ConfigError(source, f"not valid JSON: {error.msg}", error.lineno) from None
    if not isinstance(data, dict) or data.get("clausecheck_baseline") != BASELINE_FORMAT \
            or not isinstance(data.get("findings"), list):
        raise ConfigError(source, "not a clausecheck baseline (write one with --write-baseline)", 1)
    entries = tuple(entry for entry in data["findings"] if isinstance(entry, dict))
    if any(not isinstance(entry.get("fingerprint"), str) for entry in entries) or len(entries) != len(data["findings"]):
        raise ConfigError(source, "a baseline entry has no fingerprint; write the baseline again with "
                                  "--write-baseline")
    return Baseline(source, frozenset(entry["fingerprint"] for entry in entries), entries)


def apply_baseline(reports: list[DocumentReport], baseline: Baseline) -> tuple[list[DocumentReport], int]:
    """Mark the findings recorded in the baseline as waived; return the reports and how many entries
    of the baseline no longer occur in a checked document (fixed or changed contracts)."""
    seen: set[str] = set()
    result = []
    for report in reports:
        if report.error or not report.sha256:
            result.append(report)
            continue
        findings = []
        for finding in report.findings:
            fingerprint = finding.fingerprint(report.sha256)
            if fingerprint in baseline.fingerprints and is_problem(finding):
                seen.add(fingerprint)
                finding = replace(finding, waived=f"known in the baseline {baseline.path}")
            findings.append(finding)
        result.append(replace(report, findings=tuple(findings)))
    checked = {os.path.realpath(report.path) for report in reports}
    gone = sum(1 for entry in baseline.entries if entry["fingerprint"] not in seen
               and isinstance(entry.get("path"), str) and os.path.realpath(entry["path"]) in checked)
    return result, gone
