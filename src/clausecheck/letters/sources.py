"""Where a letter's facts come from: the findings (a fresh check, or a saved JSON report), the waivers
that apply, and what the contract itself says about its parties, title and data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from clausecheck.document import Document
from clausecheck.errors import InputError, UsageError
from clausecheck.findings import DocumentReport
from clausecheck.letters.amendment_letter import Tool
from clausecheck.letters.composition import Contract, Vendor

if TYPE_CHECKING:
    from clausecheck.rulebook.model import Rulebook

Warn = Callable[[str], None]


@dataclass(frozen=True)
class CheckedContract:
    report: DocumentReport
    tool: Tool


def checked_contract(contract: Path | None, saved_report: Path | None, rules: list[Path] | None,
                     waivers: Path | None, today: date, warn: Warn) -> CheckedContract:
    """The findings for `contract`: read from `saved_report` when given, else from checking it now with
    `rules` (default: the settings' rulebooks, else the bundled one); then `waivers` applied as of `today`
    (default: the settings' waivers file)."""
    from clausecheck import __version__
    from clausecheck.config import load_config

    config = load_config()
    if saved_report is not None:
        from clausecheck.saved_report import read_saved_report, select_document

        saved = read_saved_report(saved_report)
        report = select_document(saved, None if contract is None else str(contract), str(saved_report))
        tool = Tool(version=saved.tool_version or __version__, rulebooks=saved.rulebooks)
        provisions = None
    else:
        if contract is None:
            raise UsageError("name the contract to write the letter for, or give a saved report with --report")
        from clausecheck.batch import run_batch
        from clausecheck.pipeline import RunOptions, batch_request

        # The check's own path (settings, rulebooks, cache, severity overrides). The baseline is left out:
        # a finding known in CI still needs amending; the waivers apply below, as of the letter's date.
        request = batch_request([str(contract)], RunOptions(rules=rules or (), jobs=1, no_baseline=True), config)
        request = replace(request, waivers=None)
        [report] = run_batch(request).reports
        tool = Tool(version=__version__,
                    rulebooks=", ".join(f"{book.id} {book.version}" for book in request.rulebooks))
        provisions = {provision.id: provision for book in request.rulebooks for provision in book.provisions}
    if report.error:
        raise InputError(report.path, report.error)
    waivers = waivers or config.waivers
    if waivers is not None:
        report = _waived(report, waivers, provisions, today, warn)
    return CheckedContract(report=report, tool=tool)


def rulebooks_for(rules: list[Path] | None) -> list[Rulebook]:
    """The rulebooks named by `rules`, else the settings', else the bundled one."""
    from clausecheck.config import load_config
    from clausecheck.pipeline import load_rulebooks

    return load_rulebooks(rules or (), load_config())


def _waived(report: DocumentReport, path: Path, provisions: dict | None, today: date,
            warn: Warn) -> DocumentReport:
    from clausecheck.waivers import apply_waivers, load_waivers

    waivers = load_waivers(path, provisions)
    (report,), notices = apply_waivers([report], waivers, today=today)
    for notice in notices:
        if notice.kind in ("expired", "refused") and notice.waiver.matches(report):
            warn(str(notice))
    return report


def read_contract(path: Path | None, warn: Warn) -> Document | None:
    """The contract's text for its parties clause and data categories, or None when it cannot be read
    (a saved report whose contract has moved): the letter then needs those facts as options."""
    if path is None:
        return None
    if not Path(path).is_file():
        warn(f"{path}: the contract is not here to read its parties clause; give the facts as options")
        return None
    from clausecheck.readers import read_document

    try:
        return read_document(path)
    except InputError as error:
        warn(f"{error}; give the vendor's name and address as options")
        return None


def vendor_and_contract(document: Document | None, shown: str, *, vendor: str | None,
                        vendor_address: list[str] | None, attention: str | None, contract_title: str | None,
                        file: str = "", sha256: str | None = None, warn: Warn,
                        need_address: bool = True) -> tuple[Vendor, Contract]:
    """The recipient and the contract: each option as given, else what the contract's parties clause
    and title say; the vendor's name is the one fact that cannot be missing."""
    from clausecheck.analysis.parties import find_parties
    from clausecheck.district import split_lines

    parties = find_parties(document) if document is not None else None
    named = parties.vendor if parties else None
    name = vendor or (named.name if named else None)
    if not name:
        raise UsageError(f"{shown}: no vendor named in a parties clause clausecheck can read; pass --vendor")
    address = split_lines(vendor_address) if vendor_address else (named.address if named else ())
    if need_address and not address:
        warn("no vendor address (none in the parties clause); pass --vendor-address to add one")
    contract = Contract(title=contract_title or (parties.title if parties else None) or "", file=file,
                        dated=parties.dated if parties else None, sha256=sha256)
    return Vendor(name=name, address=address, attention=attention or ""), contract
