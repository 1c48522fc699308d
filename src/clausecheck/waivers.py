"""Deviations the board has knowingly accepted: a waivers file, and how it marks findings as waived.

    # contracts/waivers.yaml
    waivers:
      - document: vendors/acme-dpa.pdf       # path, relative to this file; or `sha256: <hash>`
        provision: breach-notification        # a policy term: the statute's terms cannot be waived
        reason: Acme notifies within 72 hours; the board accepted this for the 2024-25 pilot.
        approved-by: Board of Education, vote of 2024-05-12
        expires: 2025-06-30

A waiver names one document (by path, or by the SHA-256 of its content so that it follows the file
when it moves but lapses when the text changes) and one provision. A matching finding is kept in the
report, marked waived, and no longer fails the run. A board can waive its own policy's terms, not the
statute (`clausecheck.statutory`): a waiver of a provision every finding of which concerns the statute
is an error, and a waiver never applies to a finding that concerns the statute (it is reported). A waiver
past its expiry date no longer applies and is reported; so is one that matches nothing in a document that
was checked (the contract was amended: remove the waiver) or that names a file that does not exist.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NoReturn

from clausecheck.errors import ConfigError, read_user_file
from clausecheck.findings import DocumentReport, Finding
from clausecheck.statutory import REFUSAL, statute_named, statutory_finding
from clausecheck.user_files import UserFile, did_you_mean
from clausecheck.verdict import is_problem

WAIVER_KEYS = {"document": str, "sha256": str, "provision": str, "reason": str, "approved-by": str,
               "expires": (datetime.date, str)}
MIN_HASH_PREFIX = 12


@dataclass(frozen=True)
class Waiver:
    provision: str
    reason: str
    approved_by: str
    expires: datetime.date
    source: str  # the waivers file
    line: int | None
    document: str | None = None  # as written
    document_path: str | None = None  # resolved, absolute
    sha256: str | None = None

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source

    @property
    def subject(self) -> str:
        return f"{self.document or 'sha256 ' + (self.sha256 or '')[:MIN_HASH_PREFIX]} / {self.provision}"

    def matches(self, report: DocumentReport) -> bool:
        if self.sha256:
            return bool(report.sha256) and report.sha256.startswith(self.sha256)
        return os.path.realpath(report.path) == self.document_path

    def describe(self) -> str:
        return f"{self.reason} (approved by {self.approved_by}; expires {self.expires.isoformat()})"


@dataclass(frozen=True)
class WaiverNotice:
    """Something about a waiver the user should act on: it expired, it waives nothing, or it names a
    finding that concerns the statute, which no waiver can set aside."""

    waiver: Waiver
    kind: str  # expired | unused | refused
    message: str

    def __str__(self) -> str:
        return f"{self.waiver.where}: {self.message}"


def load_waivers(path: str | os.PathLike, provisions: Mapping[str, Any] | None = None) -> list[Waiver]:
    """Read and validate a waivers file against the loaded rulebooks' `provisions` (by id; None: not
    checked); every mistake is a ConfigError naming the file and line."""
    from clausecheck.yaml_lines import YamlSyntaxError, item_lines, load_yaml

    source = str(path)
    text = read_user_file(path, "waivers")
    try:
        data = load_yaml(text)
    except YamlSyntaxError as error:
        raise ConfigError(source, error.problem, error.line) from None
    if data is None:
        return []
    if not isinstance(data, dict) or set(data) != {"waivers"} or not isinstance(data["waivers"], list):
        raise ConfigError(source, "a waivers file is a mapping with one key, 'waivers', holding a list", 1)
    folder = Path(path).resolve().parent
    items = data["waivers"]
    return [_waiver(item, line, source, folder, provisions)
            for item, line in zip(items, item_lines(items), strict=True)]


def _waiver(raw: object, line: int | None, source: str, folder: Path,
            provisions: Mapping[str, Any] | None) -> Waiver:
    checked = UserFile(source, ConfigError)

    def fail(message: str, key: str | None = None) -> NoReturn:
        checked.fail(message, checked.line_of(raw, key) if key else line)

    if not isinstance(raw, dict):
        fail("each waiver must be a mapping with document (or sha256), provision, reason, approved-by, expires")
    checked.keys(raw, WAIVER_KEYS, "a waiver", line, name="waiver key")
    if ("document" in raw) == ("sha256" in raw):
        fail("a waiver names its document by 'document' (a path) or by 'sha256' (its content hash), "
             "exactly one of them")
    checked.required(raw, ("provision", "reason", "approved-by", "expires"), "the waiver", line,
                     "every waiver says what, why, who approved it and until when")
    for key in ("document", "sha256", "provision", "reason", "approved-by"):
        if key in raw:
            checked.text(raw, key, "a waiver", file_name=key == "document")
    if provisions is not None and raw["provision"] not in provisions:
        fail(f"unknown provision '{raw['provision']}'{did_you_mean(raw['provision'], set(provisions))}",
             "provision")
    if provisions is not None and provisions[raw["provision"]].always_statutory:
        fail(f"{statute_named(provisions[raw['provision']])}, and every finding of it concerns the statute; "
             f"{REFUSAL}", "provision")
    expires = checked.date(raw, "expires", "a waiver")
    sha256 = raw.get("sha256")
    if sha256 is not None:
        sha256 = sha256.strip().lower()
        if len(sha256) < MIN_HASH_PREFIX or any(c not in "0123456789abcdef" for c in sha256):
            fail(f"'sha256' must be the document's SHA-256 in hexadecimal (at least {MIN_HASH_PREFIX} "
                 "characters; `sha256sum FILE` prints it)", "sha256")
    document = raw.get("document")
    return Waiver(provision=raw["provision"], reason=" ".join(raw["reason"].split()),
                  approved_by=" ".join(raw["approved-by"].split()), expires=expires, source=source, line=line,
                  document=document, sha256=sha256,
                  document_path=os.path.realpath(folder / document) if document else None)


def apply_waivers(reports: list[DocumentReport], waivers: list[Waiver],
                  today: datetime.date | None = None) -> tuple[list[DocumentReport], list[WaiverNotice]]:
    """Mark the findings the waivers cover as waived; return the reports and notices about waivers."""
    today = today or datetime.date.today()
    used: set[int] = set()
    concerned: set[int] = set()  # waivers whose document was checked in this run
    refused: dict[int, Finding] = {}  # waivers that named a finding concerning the statute
    result = []
    for report in reports:
        if report.error:
            result.append(report)
            continue
        findings = list(report.findings)
        for number, waiver in enumerate(waivers):
            if not waiver.matches(report):
                continue
            concerned.add(number)
            if waiver.expires < today:
                continue
            for position, finding in enumerate(findings):
                if finding.provision != waiver.provision or not is_problem(finding):
                    continue
                if statutory_finding(finding):
                    refused[number] = finding
                    continue
                findings[position] = replace(finding, waived=waiver.describe())
                used.add(number)
        result.append(replace(report, findings=tuple(findings)))
    notices = []
    for number, waiver in enumerate(waivers):
        if number in refused:
            notices.append(WaiverNotice(waiver, "refused", (
                f"the waiver for {waiver.subject} does not apply: the finding concerns the statute "
                f"({refused[number].citation}); {REFUSAL}, so the finding still fails")))
        elif waiver.expires < today:
            notices.append(WaiverNotice(waiver, "expired", (
                f"the waiver for {waiver.subject} expired on {waiver.expires.isoformat()} and no longer "
                "applies; renew it with the board's approval or amend the contract")))
        elif number in concerned and number not in used:
            notices.append(WaiverNotice(waiver, "unused", (
                f"the waiver for {waiver.subject} waives nothing: the provision no longer fails in that "
                "document; remove the waiver")))
        elif waiver.document_path and not os.path.exists(waiver.document_path):
            notices.append(WaiverNotice(waiver, "unused", (
                f"the waiver for {waiver.subject} names a file that does not exist; correct the path or "
                "remove the waiver")))
    return result, notices
