"""`clausecheck letter CONTRACT`: write the amendment request letter the policy's notice requires."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from clausecheck.commands.district_options import BoardOption

if TYPE_CHECKING:
    import datetime

    from rich.console import Console

    from clausecheck.letters.sources import Warn



def letter(
    contract: Annotated[Path | None, typer.Argument(help="The contract to check and write about (PDF, DOCX, text). "
                                                         "Optional with --report when it holds one document.",
                                                    show_default=False)] = None,
    report: Annotated[Path | None, typer.Option("--report", help="Use the findings of a saved JSON report "
                                                "(`clausecheck check -f json`) instead of checking again.")] = None,
    format: Annotated[str, typer.Option("--format", "-f",
                                        help="docx, markdown, txt (an e-mail body) or html.")] = "docx",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Where to write the letter; '-' for standard "
                                                "output (not docx). Default: <contract>-amendment-request.<ext> "
                                                "in the current folder.")] = None,
    vendor: Annotated[str | None, typer.Option("--vendor", help="The vendor's name.")] = None,
    vendor_address: Annotated[list[str] | None, typer.Option("--vendor-address", help="The vendor's address: repeat "
                              "for each line, or separate lines with ';'.")] = None,
    attention: Annotated[str | None, typer.Option("--attention", help="Who the letter is for: 'Jane Roe, General "
                                                  "Counsel'.")] = None,
    contract_title: Annotated[str | None, typer.Option("--contract-title", help="The contract's name as the letter "
                              "cites it: 'Student Data Privacy Agreement'.")] = None,
    district: Annotated[str | None, typer.Option("--district", help="The district's name.")] = None,
    board: BoardOption = None,
    district_address: Annotated[list[str] | None, typer.Option("--district-address", help="Address lines (repeat, "
                                "or separate with ';').")] = None,
    contact: Annotated[str | None, typer.Option("--contact", help="Phone and e-mail for questions; ';' separates "
                                                "lines of the letterhead.")] = None,
    signer: Annotated[str | None, typer.Option("--signer", help="Who signs (default: a line to sign on).")] = None,
    signer_title: Annotated[str | None, typer.Option("--signer-title", help="The signer's title.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="The letter's date, YYYY-MM-DD (default: today). "
                                             "The same inputs and date give the same file.")] = None,
    respond_within: Annotated[int, typer.Option("--respond-within", help="Calendar days the vendor has to answer; "
                                                "a date on a weekend or holiday moves to the next business day.")] = 30,
    respond_by: Annotated[str | None, typer.Option("--respond-by",
                                                   help="Answer by this date instead, YYYY-MM-DD.")] = None,
    calendar: Annotated[Path | None, typer.Option("--calendar",
                                                  help="District closures file (see docs/letters.md).")] = None,
    review: Annotated[str, typer.Option("--review", help="Findings the check could not decide: 'confirm' lists them "
                                        "apart for the vendor to confirm, 'amend' with the amendments, 'omit' leaves "
                                        "them out.")] = "confirm",
    template: Annotated[Path | None, typer.Option("--template", help="The district's wording template (YAML of "
                                                  "Jinja2 texts; see docs/letters.md).")] = None,
    rules: Annotated[list[Path] | None, typer.Option("--rules", "-r", help="Rulebook YAML file (repeat for several). "
                                                     "Default: the settings', else the bundled one.")] = None,
    waivers: Annotated[Path | None, typer.Option("--waivers", help="Waivers file (default: the settings'). "
                                                 "Waived findings go to the file copy's appendix.")] = None,
    appendix: Annotated[bool, typer.Option("--appendix/--no-appendix", help="Add the file copy's page listing "
                                           "waived findings.")] = True,
) -> None:
    """Write the letter that asks the vendor to amend the contract: each missing or conflicting provision with
    the finding, the contract's words, the citation and the proposed language, and a date to answer by."""
    from rich.markup import escape

    from clausecheck.analysis.notice_clause import find_notice_clause
    from clausecheck.district import district_for
    from clausecheck.errors import UsageError
    from clausecheck.letters.amendment_letter import LetterFacts, compose_amendment_letter
    from clausecheck.letters.amendments import REVIEW_CHOICES, amendment_request
    from clausecheck.letters.deadlines import BusinessCalendar, long_date, parse_date, read_closures, response_date
    from clausecheck.letters.formats import EXTENSIONS, check_output, format_name, input_files, render, write_output
    from clausecheck.letters.sources import checked_contract, read_contract, vendor_and_contract
    from clausecheck.letters.wording import load_wording

    console, warn = console_and_warn()
    format = format_name(format)
    if review not in REVIEW_CHOICES:
        raise UsageError(f"--review must be one of {', '.join(REVIEW_CHOICES)}, not '{review}'")
    inputs = input_files(contract, report, *(rules or ()), waivers, calendar, template)
    if output is not None or contract is not None:
        check_output(output or Path(f"{contract.stem}-amendment-request{EXTENSIONS[format]}"), format, inputs)
    dated = parse_date(date, "--date") if date else _today()
    calendar_days = BusinessCalendar(read_closures(calendar) if calendar else None)
    response = response_date(dated, respond_within, parse_date(respond_by, "--respond-by") if respond_by else None,
                             calendar_days)
    wording = load_wording("amendment-letter", template)
    profile = district_for(name=district, board=board, address=district_address, contact=contact, signer=signer,
                           signer_title=signer_title)

    checked = checked_contract(contract, report, rules, waivers, dated, warn)
    request = amendment_request(checked.report, review)
    shown = contract or Path(checked.report.path)
    if request.empty:
        waived = f" ({len(request.waived)} waived)" if request.waived else ""
        console.print(f"[green]Nothing to amend:[/green] {escape(str(shown))} has every required provision and "
                      f"nothing in conflict{waived}; no letter written.", soft_wrap=True)
        raise typer.Exit(0)

    facts_given = bool(vendor and vendor_address and contract_title)
    document = read_contract(contract or Path(checked.report.path), (lambda message: None) if facts_given else warn)
    notice = find_notice_clause(document) if document is not None else None
    recipient, about = vendor_and_contract(
        document, str(shown), vendor=vendor, vendor_address=vendor_address, attention=attention,
        contract_title=contract_title, file=Path(checked.report.path).name, sha256=checked.report.sha256,
        warn=warn)
    facts = LetterFacts(
        district=profile, vendor=recipient, contract=about,
        request=request, dated=dated, response=response, tool=checked.tool, notice=notice)
    composition = compose_amendment_letter(facts, wording, appendix=appendix)
    target = output or Path(f"{Path(shown).stem}-amendment-request{EXTENSIONS[format]}")
    where = write_output(target, render(composition, format), format, inputs)

    counts = [f"{len(request.amendments)} amendment{'s' if len(request.amendments) != 1 else ''}"]
    if request.confirmations:
        counts.append(f"{len(request.confirmations)} to confirm")
    if request.waived:
        counts.append(f"{len(request.waived)} waived" + (" (in the appendix)" if appendix else ""))
    sources = "" if vendor else f" Vendor named in the contract's parties clause: {recipient.name}"
    moved = f" (moved from {response.moved_from.isoformat()}, {response.moved_because})" if response.moved_from else ""
    console.print(f"Wrote {where}: {', '.join(counts)} for {recipient.name}; reply requested by "
                  f"{long_date(response.due)}{moved}.{sources}", soft_wrap=True, markup=False)
    if notice is not None:
        console.print(f"Deliver it as the contract's notices clause says ({notice.where or 'found in the contract'}): "
                      f"\u201c{notice.quote}\u201d", soft_wrap=True, markup=False)
    elif document is not None:
        warn("no notices clause found in the contract: deliver the letter to the vendor's address for notices "
             "and keep proof of delivery (the statute's 'reasonable notice')")


def console_and_warn() -> tuple[Console, Warn]:
    """Messages for the user go to standard error, so a letter written to standard output stays clean."""
    from rich.console import Console
    from rich.markup import escape

    console = Console(stderr=True, highlight=False)

    def warn(message: str) -> None:
        console.print(f"[yellow]warning:[/yellow] {escape(message)}", soft_wrap=True)

    return console, warn


def _today() -> datetime.date:
    """Today; a function so tests can pin it."""
    import datetime

    return datetime.date.today()


def register(app: typer.Typer) -> None:
    app.command("letter")(letter)
