"""A baseline: the findings already known when the tool was adopted, which then no longer fail a run.

`--write-baseline FILE` records every problem found (conflicts, and required provisions missing or to
review): the document's path (relative to the baseline file), its content hash, the provision and the
status. `--baseline FILE` marks a finding as known when all four match, so only new problems fail: a
new contract, a copied, renamed or changed one, or a known contract whose finding changed (a missing
provision now in conflict). A known finding is not a waiver (a board's decision): reports show it as
"known (baseline)", and a contract with known findings is not called compliant. The file is sorted
JSON that diffs well in review.

A finding that concerns the statute is never recorded or matched: a board can set aside its own
policy's terms, not the statute's (`clausecheck.statutory`), so such a finding keeps failing the run
until the contract is amended.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from clausecheck.errors import ConfigError, read_user_file
from clausecheck.findings import STATUSES, DocumentReport, Finding
from clausecheck.statutory import statutory_finding
from clausecheck.verdict import is_problem

BASELINE_FORMAT = 2
READABLE_FORMATS = (1, 2)  # format 1 also kept a fingerprint per entry; its paths are read the same way
_SHA256 = re.compile(r"[0-9a-f]{64}")

Key = tuple[str, str, str, str]  # (real path, sha256, provision, status)


@dataclass(frozen=True)
class Baseline:
    path: str
    keys: frozenset[Key]


def _real(path: str, folder: Path) -> str:
    return os.path.realpath(folder / path)


def baseline_entries(reports: list[DocumentReport], folder: Path) -> list[dict]:
    """The entries recording the problems of `reports`, with paths relative to `folder`."""
    entries = [{"path": Path(os.path.relpath(os.path.abspath(report.path), folder.resolve())).as_posix(),
                "sha256": report.sha256, "provision": finding.provision, "status": finding.status}
               for report in reports if not report.error and report.sha256
               for finding in report.findings if recordable(finding)]
    return sorted(entries, key=lambda entry: (entry["path"], entry["provision"]))


def recordable(finding: Finding) -> bool:
    """A problem a baseline may record: any but one that concerns the statute."""
    return is_problem(finding) and not statutory_finding(finding)


def statutory_problems(reports: list[DocumentReport]) -> int:
    """The problems a baseline cannot record, because they concern the statute."""
    return sum(1 for report in reports for finding in report.findings
               if is_problem(finding) and statutory_finding(finding))


def baseline_from_reports(path: str | os.PathLike, reports: list[DocumentReport]) -> tuple[Baseline, str]:
    """The baseline of `reports` for the file `path`, and its text (JSON) to write there."""
    from clausecheck import __version__

    folder = Path(os.path.abspath(path)).parent
    entries = baseline_entries(reports, folder)
    data = {"clausecheck_baseline": BASELINE_FORMAT, "tool_version": __version__, "findings": entries}
    return _baseline(str(path), entries, folder), json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _baseline(source: str, entries: list[dict], folder: Path) -> Baseline:
    return Baseline(source, frozenset((_real(entry["path"], folder), entry["sha256"], entry["provision"],
                                       entry["status"]) for entry in entries))


def load_baseline(path: str | os.PathLike) -> Baseline:
    source = str(path)
    text = read_user_file(path, "baseline", missing="create one with --write-baseline")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ConfigError(source, f"not valid JSON: {error.msg}", error.lineno) from None
    except RecursionError:
        raise ConfigError(source, "not a clausecheck baseline (nested too deeply); write it again with "
                                  "--write-baseline", 1) from None
    if not isinstance(data, dict) or data.get("clausecheck_baseline") not in READABLE_FORMATS \
            or not isinstance(data.get("findings"), list):
        raise ConfigError(source, "not a clausecheck baseline (write one with --write-baseline)", 1)
    for number, entry in enumerate(data["findings"], 1):
        problem = _entry_problem(entry)
        if problem:
            raise ConfigError(source, f"finding {number} of the baseline {problem}; write the baseline again "
                                      "with --write-baseline")
    return _baseline(source, data["findings"], Path(os.path.abspath(path)).parent)


def _entry_problem(entry: object) -> str:
    if not isinstance(entry, dict):
        return "is not a mapping"
    for key in ("path", "sha256", "provision", "status"):
        if not isinstance(entry.get(key), str) or not entry[key]:
            return f"has no '{key}'"
    if "\x00" in entry["path"]:
        return "has a path with a NUL character"
    if not _SHA256.fullmatch(entry["sha256"]):
        return "has a sha256 that is not a SHA-256 in hexadecimal"
    if entry["status"] not in STATUSES:
        return f"has an unknown status '{entry['status']}'"
    return ""


def apply_baseline(reports: list[DocumentReport], baseline: Baseline) -> tuple[list[DocumentReport], int]:
    """Mark the findings recorded in the baseline as known; return the reports and how many entries of
    the baseline no longer occur in a checked document (fixed, changed or moved contracts)."""
    seen: set[Key] = set()
    result = []
    for report in reports:
        if report.error or not report.sha256:
            result.append(report)
            continue
        real = os.path.realpath(report.path)
        findings = []
        for finding in report.findings:
            key = (real, report.sha256, finding.provision, finding.status)
            if key in baseline.keys and recordable(finding):
                seen.add(key)
                finding = replace(finding, baseline=baseline.path)
            findings.append(finding)
        result.append(replace(report, findings=tuple(findings)))
    checked = {os.path.realpath(report.path) for report in reports}
    gone = sum(1 for key in baseline.keys if key not in seen and key[0] in checked)
    return result, gone
