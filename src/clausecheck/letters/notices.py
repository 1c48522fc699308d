"""The notices to families besides the letter: the parent notice of a new contract (board policy: within
five business days of executing it; the statute requires posting notice of the contract, and the
contract, on the board's website) and the breach notice to families (board policy: 48 hours; the
statute: electronically, within two business days of the contractor's notice), with the staff checklist
of the breach deadlines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from clausecheck.district import District
from clausecheck.letters.composition import (
    BULLETS,
    DATE,
    HEADING,
    PARAGRAPH,
    TITLE,
    Block,
    Composition,
    Contract,
    Vendor,
    letterhead,
    paragraphs,
    signature,
)
from clausecheck.letters.deadlines import POLICY_FAMILY_HOURS, BreachClock, BusinessDeadline, earliest
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
    blocks += paragraphs(wording, "executed", context) + paragraphs(wording, "sources", context)
    blocks.append(Block(HEADING, text=wording.line("description_heading", context)))
    blocks += paragraphs(wording, "description", context) + paragraphs(wording, "purpose", context)
    blocks.append(Block(HEADING, text=wording.line("data_heading", context)))
    blocks += paragraphs(wording, "data_intro", context)
    blocks.append(Block(BULLETS, lines=facts.data))
    blocks.append(Block(HEADING, text=wording.line("protections_heading", context)))
    blocks += paragraphs(wording, "protections_intro", context)
    blocks.append(Block(BULLETS, lines=tuple(wording.paragraphs("protections_terms", context))))
    for key in ("protections", "posting", "questions"):
        blocks += paragraphs(wording, key, context)
    blocks.append(signature(wording.line("closing", context), facts.district))
    return Composition(title=title, blocks=tuple(blocks), dated=facts.dated, author=facts.district.name,
                       subject=title, keywords=("parent notice", "board policy", "Conn. Gen. Stat. 10-234bb"))


@dataclass(frozen=True)
class BreachFacts:
    district: District
    vendor: Vendor
    dated: date
    vendor_notified: datetime
    discovered: datetime | None
    families: tuple[BreachClock, ...]  # the board's limits to notify families: board policy, statute
    contractor: tuple[BreachClock, ...]
    service: str = ""
    description: str = ""
    actions: str = ""
    data: tuple[str, ...] = ()
    policy_hours: float = POLICY_FAMILY_HOURS  # the board policy's limit, for the families' notice

    @property
    def families_due(self) -> BreachClock:
        """The board's limit to notify families that runs out first."""
        return earliest(self.families)


def _breach_context(facts: BreachFacts) -> dict:
    first = facts.families_due
    return {"district": facts.district, "vendor": facts.vendor, "service": facts.service,
            "description": facts.description, "actions": facts.actions, "data": list(facts.data),
            "date": facts.dated, "vendor_notified": facts.vendor_notified, "discovered": facts.discovered,
            "families": first, "family_clocks": list(facts.families),
            "families_together": all(clock.due == first.due for clock in facts.families),
            "policy_hours": f"{facts.policy_hours:g}",
            "contractor": list(facts.contractor)}


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
