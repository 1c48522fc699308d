"""`clausecheck notice` and `clausecheck breach-notice`: the notices to families that the board policy and
the statute require, with the deadlines to send them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from clausecheck.commands.district_options import BoardOption, DistrictAddressOption, DistrictOption
from clausecheck.commands.letter import console_and_warn

if TYPE_CHECKING:
    import datetime

ContactOption = Annotated[str | None, typer.Option("--contact", help="Who families contact with questions.")]
SignerOption = Annotated[str | None, typer.Option("--signer", help="Who signs.")]
SignerTitleOption = Annotated[str | None, typer.Option("--signer-title", help="The signer's title.")]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="markdown, html (for the website), txt or docx.")]
DateOption = Annotated[str | None, typer.Option("--date", help="The notice's date, YYYY-MM-DD (default: today).")]
CalendarOption = Annotated[Path | None, typer.Option("--calendar", help="District closures file: extra days "
                                                     "that are not business days (see docs/letters.md).")]
DataOption = Annotated[list[str] | None, typer.Option("--data", help="A kind of student information involved "
                                                      "(repeat for each).")]
TemplateOption = Annotated[Path | None, typer.Option("--template", help="The district's wording template.")]


def notice(
    contract: Annotated[Path | None, typer.Argument(help="The signed contract: its parties clause names the vendor "
                                                         "and its data schedule the student information.",
                                                    show_default=False)] = None,
    signed: Annotated[str, typer.Option("--signed", help="The date the contract was executed (signed), YYYY-MM-DD: "
                                        "the five business days run from it.",
                                        show_default=False)] = ...,  # type: ignore[assignment]
    purpose: Annotated[str | None, typer.Option("--purpose", help="Why the district uses the service, in a "
                                                "sentence for parents.")] = None,
    description: Annotated[str | None, typer.Option("--description", help="What the contract is for, in a "
                                                    "sentence (default: names the contract and the vendor).")] = None,
    vendor: Annotated[str | None, typer.Option("--vendor",
                                               help="The vendor's name (default: the parties clause).")] = None,
    data: DataOption = None,
    contract_url: Annotated[str | None, typer.Option("--contract-url", help="Where the contract is posted on "
                                                     "the Board's website.")] = None,
    format: FormatOption = "markdown",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Where to write it; '-' for standard output. "
                                                "Default: <contract>-parent-notice.<ext>.")] = None,
    date: DateOption = None,
    calendar: CalendarOption = None,
    template: TemplateOption = None,
    district: DistrictOption = None,
    board: BoardOption = None,
    district_address: DistrictAddressOption = None,
    contact: ContactOption = None,
    signer: SignerOption = None,
    signer_title: SignerTitleOption = None,
) -> None:
    """Write the parent notice of a newly executed contract and say when it is due.

    Board policy: electronic notice to the affected students and their parents, legal guardians or
    authorized representatives within five business days of executing the contract (weekends, US federal
    holidays and district closures do not count), posted with the contract on the Board's website. Conn.
    Gen. Stat. § 10-234bb: P.A. 18-125 removed the statute's own notice to each family; the statute still
    requires posting notice of the contract, and the contract, on the Board's website. The notice names
    the Board of Education as the party and summarises what the law requires of such contracts; it does
    not check the contract (use `clausecheck check`)."""
    from clausecheck.analysis.data_categories import find_data_categories
    from clausecheck.district import district_for
    from clausecheck.errors import UsageError
    from clausecheck.letters.deadlines import BusinessCalendar, long_date, parse_date, read_closures
    from clausecheck.letters.formats import EXTENSIONS, check_output, format_name, input_files, render, write_output
    from clausecheck.letters.notices import NOTICE_BUSINESS_DAYS, ParentNoticeFacts, compose_parent_notice
    from clausecheck.letters.sources import read_contract, vendor_and_contract
    from clausecheck.letters.wording import load_wording

    console, warn = console_and_warn()
    format = format_name(format)
    inputs = input_files(contract, calendar, template)
    if output is not None or contract is not None:
        check_output(output or Path(f"{contract.stem}-parent-notice{EXTENSIONS[format]}"), format, inputs)
    signed_on = parse_date(signed, "--signed")
    dated = parse_date(date, "--date") if date else _today()
    calendar_days = BusinessCalendar(read_closures(calendar) if calendar else None)
    deadline = calendar_days.add_business_days(signed_on, NOTICE_BUSINESS_DAYS)
    wording = load_wording("parent-notice", template)
    profile = district_for(name=district, board=board, address=district_address, contact=contact, signer=signer,
                           signer_title=signer_title)
    if not purpose:
        raise UsageError("the notice must state the contract's purpose: pass --purpose \"...\"")
    if contract is None and not (vendor and data):
        raise UsageError("name the signed contract, or give --vendor and --data")
    if contract is not None and not contract.is_file():
        raise UsageError(f"{contract}: no such file")
    document = read_contract(contract, warn) if contract is not None and not (vendor and data) else None
    shown = str(contract or "the notice")
    recipient, about = vendor_and_contract(document, shown, vendor=vendor, vendor_address=None, attention=None,
                                           contract_title=None, file=contract.name if contract else "",
                                           warn=warn, need_address=False)
    categories = tuple(" ".join(item.split()) for item in data or () if item.strip())
    if not categories:
        found = find_data_categories(document) if document is not None else None
        if found is None:
            raise UsageError(f"{shown}: the contract lists no student data categories clausecheck can read; "
                             "pass each kind of student information with --data")
        categories = found.categories
        warn(f"student information taken from the contract ({found.source}): {'; '.join(categories)}. "
             "Check it, or pass --data")
    facts = ParentNoticeFacts(
        district=profile, vendor=recipient, contract=about, signed=signed_on, dated=dated, deadline=deadline,
        description=description or (f"The contract is {about.named} between the {profile.board_name} and "
                                    f"{recipient.name}."),
        purpose=purpose, data=categories, contract_url=contract_url or "")
    composition = compose_parent_notice(facts, wording)
    stem = contract.stem if contract else _slug(recipient.name)
    target = output or Path(f"{stem}-parent-notice{EXTENSIONS[format]}")
    where = write_output(target, render(composition, format), format, inputs)

    skipped = "; ".join(f"{day:%a %b} {day.day} {reason}" for day, reason in deadline.skipped
                        if reason not in ("Saturday", "Sunday"))
    console.print(f"Wrote {where}. Due by {long_date(deadline.due)} ({NOTICE_BUSINESS_DAYS} business days after "
                  f"the contract was executed on {long_date(signed_on)}"
                  + (f"; not counted: {skipped}" if skipped else "")
                  + "): send it electronically to the affected students and their parents, legal guardians or "
                  "authorized representatives (board policy), and post it with the contract on the Board's website "
                  "(Conn. Gen. Stat. § 10-234bb; board policy).", soft_wrap=True, markup=False)
    if dated > deadline.due:
        warn(f"the notice is dated {long_date(dated)}, after its deadline of {long_date(deadline.due)}")


def breach_notice(
    vendor: Annotated[str, typer.Option("--vendor", help="The contractor that had the breach.",
                                        show_default=False)] = ...,  # type: ignore[assignment]
    vendor_notified: Annotated[str, typer.Option("--vendor-notified", help="When the contractor notified the board: "
                                                 "'YYYY-MM-DD HH:MM' (local time).", show_default=False)] = ...,  # type: ignore[assignment]
    discovered: Annotated[str | None, typer.Option("--discovered", help="When the contractor discovered the breach, "
                                                   "'YYYY-MM-DD HH:MM': its own limits to notify the board run "
                                                   "from it (Conn. Gen. Stat. § 10-234dd).")] = None,
    information_involved: Annotated[str, typer.Option(
        "--information-involved", help="What the breach involved, which sets the contractor's limit under Conn. Gen. "
        "Stat. § 10-234dd: 'student-information' (any student information other than directory information: 30 "
        "days after discovery), 'only-directory-records-content' (only directory information, student records or "
        "student-generated content: 60 days), or 'unknown' (the 30-day limit applies).")] = "unknown",
    hours: Annotated[float | None, typer.Option("--hours", help="Hours the board policy gives the Board to notify "
                                                "families after the contractor's notice (default 48). The "
                                                "statute's limit, electronically within two business days "
                                                "(Conn. Gen. Stat. § 10-234dd, as amended by P.A. 17-200), is "
                                                "always shown beside it.")] = None,
    contract_hours: Annotated[float | None, typer.Option(
        "--contract-hours", help="The contract's own breach notice term in hours, checked against --discovered. "
        "Default: board policy item 6's 48 hours, shown as applying only if the contract follows the policy; "
        "0 leaves it out.", show_default=False)] = None,
    description: Annotated[str | None, typer.Option("--description", help="What happened, in a sentence or two "
                                                    "for families.")] = None,
    data: DataOption = None,
    service: Annotated[str | None, typer.Option("--service", help="What the contractor provides: 'the "
                                                "BrightPath reading app'.")] = None,
    actions: Annotated[str | None, typer.Option("--actions", help="What the district is doing about it.")] = None,
    format: FormatOption = "markdown",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Where to write the notice; '-' for "
                                                "standard output. Default: breach-notice-<date>.<ext>.")] = None,
    checklist: Annotated[Path | None, typer.Option("--checklist", help="Also write the staff checklist of "
                                                   "deadlines to this file (same format).")] = None,
    date: DateOption = None,
    calendar: CalendarOption = None,
    template: TemplateOption = None,
    district: DistrictOption = None,
    board: BoardOption = None,
    district_address: DistrictAddressOption = None,
    contact: ContactOption = None,
    signer: SignerOption = None,
    signer_title: SignerTitleOption = None,
) -> None:
    """Write the breach notice to families and the staff checklist of deadlines.

    The Board's notice to the affected students and their parents, legal guardians or authorized
    representatives, both limits counted from the contractor's notice to the Board, the earlier first:
    board policy, 48 hours; Conn. Gen. Stat. § 10-234dd as amended by P.A. 17-200, electronically within
    two business days. Notice of the breach is posted on the Board's website (§ 10-234dd; board policy,
    "as required"). With --discovered, the contractor's limits to notify the Board, from discovery:
    § 10-234dd (repeated by the board policy), 30 days when any student information other than directory
    information was involved or that is not known, 60 days when only directory information, student
    records or student-generated content was; and the contract's term (board policy item 6: 48 hours)."""
    from clausecheck.district import district_for
    from clausecheck.errors import UsageError
    from clausecheck.letters.composition import BULLETS, TITLE, Vendor
    from clausecheck.letters.deadlines import (
        POLICY_FAMILY_HOURS,
        UNKNOWN_INFORMATION,
        BusinessCalendar,
        contractor_deadlines,
        family_notice_clocks,
        parse_datetime,
        read_closures,
    )
    from clausecheck.letters.deadlines import information_involved as checked_information
    from clausecheck.letters.formats import EXTENSIONS, check_output, format_name, input_files, render, write_output
    from clausecheck.letters.notices import BreachFacts, compose_breach_checklist, compose_breach_notice
    from clausecheck.letters.wording import load_wording

    console, warn = console_and_warn()
    format = format_name(format)
    inputs = input_files(calendar, template)
    for path in (output, checklist):
        if path is not None:
            check_output(path, format, inputs)
    if output is not None and checklist is not None and str(output) != "-" and \
            os.path.realpath(output) == os.path.realpath(checklist):
        raise UsageError(f"--output and --checklist are the same file ({output}); give each its own")
    information = checked_information(information_involved)
    notified = parse_datetime(vendor_notified, "--vendor-notified")
    found = parse_datetime(discovered, "--discovered") if discovered else None
    if found is not None and found > notified:
        raise UsageError("--discovered is after --vendor-notified: the contractor cannot report a breach before "
                         "it discovers it")
    dated = _parse_notice_date(date) or _today()
    calendar_days = BusinessCalendar(read_closures(calendar) if calendar else None)
    families = family_notice_clocks(notified, hours, calendar_days)
    contractor = contractor_deadlines(found, notified, contract_hours, information) if found else ()
    wording = load_wording("breach-notice", template)
    profile = district_for(name=district, board=board, address=district_address, contact=contact, signer=signer,
                           signer_title=signer_title)
    facts = BreachFacts(
        district=profile, vendor=Vendor(name=" ".join(vendor.split())), dated=dated, vendor_notified=notified,
        discovered=found, families=families, contractor=contractor, service=service or "",
        description=description or "", actions=actions or "",
        data=tuple(" ".join(item.split()) for item in data or () if item.strip()),
        policy_hours=POLICY_FAMILY_HOURS if hours is None else hours)
    target = output or Path(f"breach-notice-{dated.isoformat()}{EXTENSIONS[format]}")
    where = write_output(target, render(compose_breach_notice(facts, wording), format), format, inputs)
    list_of_deadlines = compose_breach_checklist(facts, wording)
    if checklist is not None:
        write_output(checklist, render(list_of_deadlines, format), format, inputs)
    console.print(f"Wrote {where}.", markup=False)
    for block in list_of_deadlines.blocks:
        if block.kind == TITLE:
            console.print(block.text, style="bold", markup=False)
        elif block.kind == BULLETS:
            for line in block.lines:
                console.print(f" \u2022 {line}", markup=False, soft_wrap=True,
                              style="bold red" if "LATE" in line else None)
        else:
            console.print(block.text, markup=False, soft_wrap=True)
    if dated > facts.families_due.due.date():
        warn(f"the notice is dated {dated.isoformat()}, after the deadline to notify families")
    if found is None and information != UNKNOWN_INFORMATION:
        warn("--information-involved sets the contractor's limit, which runs from its discovery of the breach: "
             "give --discovered to see it")
    for clock in contractor:
        if clock.met is False:
            warn(f"the contractor's notice to the board was late under {clock.source}; record it")


def _parse_notice_date(text: str | None) -> datetime.date | None:
    from clausecheck.letters.deadlines import parse_date

    return parse_date(text, "--date") if text else None


def _slug(name: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "contract"


def _today() -> datetime.date:
    """Today; a function so tests can pin it."""
    import datetime

    return datetime.date.today()


def register(app: typer.Typer) -> None:
    app.command("notice")(notice)
    app.command("breach-notice")(breach_notice)
