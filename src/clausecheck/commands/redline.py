"""`clausecheck redline CONTRACT`: the vendor's contract with the amendments as Word tracked changes and
comments, or a standalone amendment to sign when the contract is a PDF."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from datetime import date

    from clausecheck.document import Document
    from clausecheck.findings import DocumentReport
    from clausecheck.letters.sources import Warn
    from clausecheck.readers.source_file import SourceFile
    from clausecheck.redline.docx_map import DocxMap
    from clausecheck.redline.plan import RedlinePlan

AUTHOR = "clausecheck"


def redline(
    contract: Annotated[Path | None, typer.Argument(help="The contract to redline (DOCX; a PDF or text file gets "
                                                         "a standalone amendment). Optional with --report when it "
                                                         "holds one document.", show_default=False)] = None,
    report: Annotated[Path | None, typer.Option("--report", help="Use the findings of a saved JSON report "
                                                "(`clausecheck check -f json`) of this same file instead of "
                                                "checking again.")] = None,
    rules: Annotated[list[Path] | None, typer.Option("--rules", "-r", help="Rulebook YAML file (repeat for several). "
                                                     "Default: the settings', else the bundled one.")] = None,
    waivers: Annotated[Path | None, typer.Option("--waivers", help="Waivers file (default: the settings'). "
                                                 "Waived findings are left as they are.")] = None,
    district: Annotated[str | None, typer.Option("--district", help="The district's name: the author of the "
                                                 "changes and comments, and a party to an amendment "
                                                 "(default: the settings' district, else 'clausecheck' and the "
                                                 "contract's parties clause).")] = None,
    date: Annotated[str | None, typer.Option("--date", help="The date of the changes, YYYY-MM-DD (default: "
                                             "today). The same inputs and date give the same file.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Where to write it. Default: "
                                                "<contract>-redline.docx (an amendment: <contract>-amendment.docx) "
                                                "in the current folder.")] = None,
    addendum: Annotated[bool, typer.Option("--addendum", help="Write a standalone amendment even for a DOCX "
                                           "contract.")] = False,
    vendor: Annotated[str | None, typer.Option("--vendor", help="The vendor's name (default: the contract's "
                                               "parties clause).")] = None,
    contract_title: Annotated[str | None, typer.Option("--contract-title", help="The contract's name: 'Master "
                              "Subscription Agreement'.")] = None,
) -> None:
    """Write the contract back with each conflicting clause struck and replaced, each missing required term
    added in a new numbered section with an order of precedence, and a comment on each saying why, as Word
    tracked changes; a PDF gets a standalone amendment to sign instead."""
    import datetime

    from rich.markup import escape

    from clausecheck.commands.letter import console_and_warn
    from clausecheck.errors import UsageError
    from clausecheck.letters.deadlines import parse_date
    from clausecheck.letters.formats import check_output, input_files
    from clausecheck.letters.sources import checked_contract
    from clausecheck.output import write_atomic
    from clausecheck.readers import format_of, read_source

    console, warn = console_and_warn()
    dated = parse_date(date, "--date") if date else datetime.date.today()
    # What the run reads (the contract, a saved report, rulebooks, waivers, the settings) is never written.
    inputs = input_files(contract, report, *(rules or ()), waivers)
    if output is not None:  # a named output is checked before any work
        if contract is not None:
            _not_the_contract(output, contract)
            if output.is_dir():
                raise UsageError(f"{output}: is a folder; give the name of a file to write, e.g. "
                                 f"{output / (contract.stem + '-redline.docx')}")
        check_output(output, "docx", inputs)
    checked = checked_contract(contract, report, rules, waivers, dated, warn)
    path = Path(contract or checked.report.path)
    if not path.is_file():
        raise UsageError(f"{path}: the contract is not here; a redline is written from the contract itself")
    source = read_source(path)  # read once: the redline is a copy of the bytes the plan was made from
    if report is not None:
        _same_file(source, checked.report.sha256, report)
    standalone, document, mapped = _read(source, addendum or format_of(source) != "docx", warn)
    plan = _plan(checked.report, document, rules, standalone)
    waived = f" ({len(plan.waived)} waived)" if plan.waived else ""
    if not plan.changes_text and (standalone or not plan.confirmations):
        confirm = (f"; {len(plan.confirmations)} clause(s) need review, which an amendment cannot ask: see "
                   f"`clausecheck letter`" if plan.confirmations else "")
        console.print(f"[green]Nothing to amend:[/green] {escape(str(path))} has every required provision and "
                      f"nothing in conflict{waived}; no changes to make, no file written{escape(confirm)}.",
                      soft_wrap=True)
        raise typer.Exit(0)

    profile = _district(district)
    author = profile or AUTHOR
    kind = "amendment" if standalone else "redline"
    target = output or Path(f"{path.stem}-{kind}.docx")
    _not_the_contract(target, path)
    inputs.add([path])
    check_output(target, "docx", inputs)
    if standalone:
        data = _amendment(plan, document, path, profile, vendor, contract_title, dated, author, warn)
        write_atomic(target, data, inputs)
        count = len({text for item in plan.replacements for text in item.texts} |
                    {item.text for item in (*plan.additions, *plan.restated)})
        console.print(f"Wrote {target}: an amendment of {count} required term(s) and an order of precedence, "
                      f"deleting {len(plan.replacements)} conflicting clause(s){waived}, ready to sign.",
                      soft_wrap=True, markup=False)
        return

    from clausecheck.redline.contract import write_redline

    result = write_redline(mapped, plan, author, f"{dated.isoformat()}T00:00:00Z")
    write_atomic(target, result.data, inputs)
    if not plan.changes_text:
        console.print(f"Wrote {target}: no changes to the text; {result.comments} comment(s) asking the vendor to "
                      f"confirm clauses the check could not judge.", soft_wrap=True, markup=False)
        return
    where = f" in a new {result.section}" if result.section else " in a new section"
    console.print(f"Wrote {target}: {result.struck} conflicting clause(s) struck, {result.replaced} replacement(s) "
                  f"beside them, {result.added} "
                  f"term(s){where} (the order of precedence included), {result.comments} comment(s){waived}; "
                  f"tracked changes by {author}.", soft_wrap=True, markup=False)
    for problem in result.unmarked:
        warn(f"could not mark a clause for deletion ({problem}); its replacement is in the new section with a "
             f"comment asking to strike it by hand")


def _not_the_contract(target: Path, contract: Path) -> None:
    from clausecheck.errors import UsageError

    try:
        same = target.resolve() == contract.resolve()
    except (OSError, ValueError):  # a NUL in the name: check_output says so
        return
    if same:
        raise UsageError(f"{target}: that is the contract itself; choose another --output (the contract is "
                         f"never changed)")


def _read(source: SourceFile, standalone: bool, warn: Warn) -> tuple[bool, Document, DocxMap | None]:
    """Whether to write a standalone amendment, the contract's Document, and for a redline its map to the
    Word XML; a DOCX whose text cannot be traced to its XML still gets its amendment, as a standalone
    document."""
    from clausecheck.readers import parse_document

    if standalone:
        return True, parse_document(source), None
    from clausecheck.redline.docx_map import MappingError, map_docx

    try:
        mapped = map_docx(source)
    except MappingError as error:
        warn(f"{source.path}: the text cannot be traced to the Word file's XML ({error}); writing a standalone "
             f"amendment instead")
        return True, parse_document(source), None
    return False, mapped.document, mapped


def _plan(report: DocumentReport, document: Document, rules: list[Path] | None, standalone: bool) -> RedlinePlan:
    """What to change, in the contract's own terms, with every conflicting clause found."""
    from clausecheck.letters.sources import rulebooks_for
    from clausecheck.redline.plan import plan_redline
    from clausecheck.redline.rescan import complete_plan
    from clausecheck.redline.terms import find_contract_terms

    rulebooks = rulebooks_for(rules)
    terms = find_contract_terms(document)
    # An amendment restates the required terms the contract has, so that it holds them all itself.
    restate = {provision.id: provision.amendment for book in rulebooks for provision in book.provisions} \
        if standalone else None
    return complete_plan(report, document, rulebooks,
                         lambda findings: plan_redline(findings, terms, len(document.text), restate))


def _same_file(source: SourceFile, reported: str | None, report: Path) -> None:
    """A redline points at characters of the file: a report of another version of it would point wrong."""
    from clausecheck.errors import UsageError

    if reported and source.sha256 != reported:
        raise UsageError(f"{report}: made from another version of {source.path} (its SHA-256 differs); check "
                         f"the contract again, or redline without --report")


def _district(name: str | None) -> str:
    """The district's name from the option or the settings, or "" when neither gives one."""
    from clausecheck.district import load_district

    return load_district().with_overrides(name=name).name


def _amendment(plan: RedlinePlan, document: Document, path: Path, district: str, vendor: str | None,
               contract_title: str | None, dated: date, author: str, warn: Warn) -> bytes:
    from clausecheck.analysis.parties import find_parties
    from clausecheck.errors import UsageError
    from clausecheck.letters.formats import render
    from clausecheck.letters.sources import vendor_and_contract
    from clausecheck.redline.addendum import AddendumParties, compose_addendum

    recipient, about = vendor_and_contract(document, str(path), vendor=vendor, vendor_address=None, attention=None,
                                           contract_title=contract_title, warn=warn, need_address=False)
    board = find_parties(document).board
    district = district or (board.name if board else "")
    if not district:
        raise UsageError(f"{path}: no board named in a parties clause clausecheck can read; pass --district")
    parties = AddendumParties(district=district, vendor=recipient.name, contract_title=_title(about.title),
                              contract_dated=about.dated)
    return render(compose_addendum(plan, parties, document, dated, author), "docx")


def _title(title: str) -> str:
    """A title as a sentence cites it: 'Master Subscription Agreement', not 'MASTER SUBSCRIPTION AGREEMENT'."""
    title = title.title() if title.isupper() else title
    return title[4:] if title.lower().startswith("the ") else title


def register(app: typer.Typer) -> None:
    app.command("redline")(redline)
