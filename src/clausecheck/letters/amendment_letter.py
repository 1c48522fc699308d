"""The amendment request letter: a business letter from the district to the vendor that lists each
provision to add or fix, with the finding, the contract's words, the citation and the proposed language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from clausecheck.analysis.notice_clause import NoticeClause
from clausecheck.district import District
from clausecheck.letters.amendments import AmendmentRequest, RequestItem
from clausecheck.letters.composition import (
    ADDRESS,
    DATE,
    HEADING,
    ITEM,
    NOTE,
    PAGE_BREAK,
    PARAGRAPH,
    SUBJECT,
    Block,
    Composition,
    Contract,
    Field,
    Vendor,
    letterhead,
    paragraphs,
    signature,
)
from clausecheck.letters.deadlines import ResponseDate
from clausecheck.letters.wording import Wording


@dataclass(frozen=True)
class Tool:
    """What produced the findings, for the file copy."""

    version: str
    rulebooks: str


@dataclass(frozen=True)
class LetterFacts:
    district: District
    vendor: Vendor
    contract: Contract
    request: AmendmentRequest
    dated: date
    response: ResponseDate
    tool: Tool
    notice: NoticeClause | None = None  # the contract's clause on how notices are given, when found


def compose_amendment_letter(facts: LetterFacts, wording: Wording, appendix: bool = True) -> Composition:
    """The letter's blocks: letterhead, date, address, subject, body, requested amendments, provisions
    to confirm, closing and signature, and (when findings were waived) the file copy's appendix."""
    context = {
        "district": facts.district, "vendor": facts.vendor, "contract": facts.contract,
        "date": facts.dated, "respond_by": facts.response.due, "respond_within": facts.response.calendar_days,
        "respond_moved": facts.response.moved_from is not None,
        "amendments": facts.request.amendments, "confirmations": facts.request.confirmations,
        "waived": facts.request.waived, "tool": facts.tool, "notice": facts.notice,
        "statutory": facts.request.with_basis("statute"), "duties": facts.request.with_basis("duty"),
        "policy_only": facts.request.with_basis("policy"),
        "conflicting_sections": list(dict.fromkeys(section for item in facts.request.amendments
                                                   if item.status == "conflict" for section in item.sections)),
    }
    say = wording.line
    blocks: list[Block] = [letterhead(facts.district), Block(DATE, text=say("date", context))]
    delivery = say("delivery", context)
    if delivery:
        blocks.append(Block(PARAGRAPH, text=delivery))
    blocks.append(Block(ADDRESS, lines=(facts.vendor.name,
                                        *((f"Attention: {facts.vendor.attention}",) if facts.vendor.attention else ()),
                                        *facts.vendor.address)))
    subject = say("subject", context)
    blocks.append(Block(SUBJECT, text=subject))
    blocks.append(Block(PARAGRAPH, text=say("salutation", context)))
    for key in ("opening", "notice_clause", "consequence", "response"):
        blocks += paragraphs(wording, key, context)
    number = 0
    for items, heading, intro in ((facts.request.amendments, "amendments_heading", "amendments_intro"),
                                  (facts.request.confirmations, "confirmations_heading", "confirmations_intro")):
        if not items:
            continue
        blocks.append(Block(HEADING, text=say(heading, context)))
        blocks += paragraphs(wording, intro, context)
        for item in items:
            number += 1
            blocks.append(item_block(number, item, wording, context))
        if items is facts.request.amendments:
            number += 1
            blocks.append(precedence_block(number, facts, wording, context))
    blocks += paragraphs(wording, "closing_paragraph", context)
    blocks.append(signature(say("closing", context), facts.district, party=facts.district.board_name))
    copies = say("copies", context)
    if copies:
        blocks.append(Block(NOTE, text=copies))
    if appendix and facts.request.waived:
        blocks += [Block(PAGE_BREAK), Block(HEADING, text=say("appendix_heading", context))]
        blocks += paragraphs(wording, "appendix_intro", context)
        for index, item in enumerate(facts.request.waived, start=1):
            block = item_block(index, item, wording, context)
            waiver = Field(say("label_waiver", context), item.waived)
            blocks.append(Block(ITEM, text=block.text, number=index, fields=(waiver, *block.fields)))
        blocks.append(Block(NOTE, text=say("record", context)))
    return Composition(title=f"Amendment request: {facts.contract.title or facts.contract.file}",
                       blocks=tuple(blocks), dated=facts.dated, author=facts.district.name, subject=subject,
                       keywords=tuple(item.provision
                                      for item in facts.request.amendments + facts.request.confirmations))


def item_block(number: int, item: RequestItem, wording: Wording, context: dict) -> Block:
    """One numbered provision: finding, the contract's words (or 'not found'), citation, proposed language."""
    context = {**context, "item": item}

    def label(key: str) -> str:
        return wording.line(key, context)

    fields = [Field(label("label_finding"), wording.line("finding", context))]
    if item.quotes:
        fields += [Field(label("label_quote"), quote.text, quote=True, where=quote.where) for quote in item.quotes]
    else:
        fields.append(Field(label("label_quote"), label("not_found")))
    fields.append(Field(label("label_citation"), wording.line("source", context)))
    if item.amendment:
        fields.append(Field(label("label_amendment"), item.amendment))
    return Block(ITEM, text=item.title, number=number, fields=tuple(fields))


def precedence_block(number: int, facts: LetterFacts, wording: Wording, context: dict) -> Block:
    """The order-of-precedence item that ends the requested amendments: the amendment prevails over the
    agreement (the clauses it replaces included), order forms, terms of service and privacy policies."""
    from clausecheck.redline.plan import precedence_text
    from clausecheck.redline.terms import ContractTerms

    def label(key: str) -> str:
        return wording.line(key, context)

    text = precedence_text(ContractTerms(), "The terms of this amendment", context["conflicting_sections"])
    return Block(ITEM, text=label("precedence_title"), number=number,
                 fields=(Field(label("label_finding"), wording.line("precedence_finding", context)),
                         Field(label("label_amendment"), text)))
