"""The notices the policy requires besides the letter: the parent notice of a new contract (within five
business days of signing, also posted on the website) and the breach notice to families (within 48
hours of the contractor's notice), with the staff checklist of the breach deadlines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from clausecheck.letters.deadlines import BreachClock, BusinessDeadline
from clausecheck.letters.district import District
from clausecheck.letters.layout import BULLETS, DATE, HEADING, PARAGRAPH, TITLE, Block, Composition
from clausecheck.letters.shared import Contract, Vendor, letterhead, paragraphs, signature
from clausecheck.letters.wording import Wording

NOTICE_BUSINESS_DAYS = 5


@dataclass(frozen=True)
class ParentNoticeFacts:
    district: District
    vendor: Vendor
    contract: Contract
    signed: date
    dated: date
    deadline: BusinessDeadline
    description: str
    purpose: str
    data: tuple[str, ...]
    contract_url: str = ""


def compose_parent_notice(facts: ParentNoticeFacts, wording: Wording) -> Composition:
    context = {"district": facts.district, "vendor": facts.vendor, "contract": facts.contract,
               "signed": facts.signed, "date": facts.dated, "due": facts.deadline.due,
               "description": facts.description, "purpose": facts.purpose, "data": list(facts.data),
               "contract_url": facts.contract_url}
    title = wording.line("title", context)
    blocks = [letterhead(facts.district), Block(DATE, text=wording.line("date", context)), Block(TITLE, text=title),
              Block(PARAGRAPH, text=wording.line("greeting", context))]
    blocks += paragraphs(wording, "executed", context)
    blocks.append(Block(HEADING, text=wording.line("description_heading", context)))
    blocks += paragraphs(wording, "description", context) + paragraphs(wording, "purpose", context)
    blocks.append(Block(HEADING, text=wording.line("data_heading", context)))
    blocks += paragraphs(wording, "data_intro", context)
    blocks.append(Block(BULLETS, lines=facts.data))
    for key in ("protections", "posting", "questions"):
        blocks += paragraphs(wording, key, context)
    blocks.append(signature(wording.line("closing", context), facts.district))
    return Composition(title=title, blocks=tuple(blocks), dated=facts.dated, author=facts.district.name,
                       subject=title, keywords=("parent notice", "Conn. Gen. Stat. 10-234bb"))


@dataclass(frozen=True)
class BreachFacts:
    district: District
    vendor: Vendor
    dated: date
    vendor_notified: datetime
    discovered: datetime | None
    families: BreachClock
    contractor: tuple[BreachClock, ...]
    service: str = ""
    description: str = ""
    actions: str = ""
    data: tuple[str, ...] = ()


def _breach_context(facts: BreachFacts) -> dict:
    return {"district": facts.district, "vendor": facts.vendor, "service": facts.service,
            "description": facts.description, "actions": facts.actions, "data": list(facts.data),
            "date": facts.dated, "vendor_notified": facts.vendor_notified, "discovered": facts.discovered,
            "families": facts.families, "contractor": list(facts.contractor)}


def compose_breach_notice(facts: BreachFacts, wording: Wording) -> Composition:
    context = _breach_context(facts)
    title = wording.line("title", context)
    blocks = [letterhead(facts.district), Block(DATE, text=wording.line("date", context)), Block(TITLE, text=title),
              Block(PARAGRAPH, text=wording.line("greeting", context))]
    for heading, key in (("what_happened_heading", "what_happened"), ("data_heading", "data_intro"),
                         ("actions_heading", "actions"), ("you_heading", "you")):
        blocks.append(Block(HEADING, text=wording.line(heading, context)))
        blocks += paragraphs(wording, key, context)
        if key == "data_intro" and facts.data:
            blocks.append(Block(BULLETS, lines=facts.data))
    blocks += paragraphs(wording, "questions", context)
    blocks.append(signature(wording.line("closing", context), facts.district))
    return Composition(title=title, blocks=tuple(blocks), dated=facts.dated, author=facts.district.name,
                       subject=title, keywords=("breach notice", "Conn. Gen. Stat. 10-234dd"))


def compose_breach_checklist(facts: BreachFacts, wording: Wording) -> Composition:
    context = _breach_context(facts)
    title = wording.line("checklist_title", context)
    blocks = [Block(TITLE, text=title), *paragraphs(wording, "checklist_intro", context),
              Block(BULLETS, lines=tuple(wording.paragraphs("checklist", context)))]
    return Composition(title=title, blocks=tuple(blocks), dated=facts.dated, author=facts.district.name,
                       subject=title, keywords=("breach checklist",))
