"""Where a contract says how notices under it must be given, so that an amendment request, which is the
statute's "reasonable notice" to the contractor, can say it was delivered as the contract requires.

    14.2 Notices. All notices under this Agreement shall be in writing and delivered by hand, by
    certified mail or by a national courier to the addresses above, with a copy by e-mail ...

A clause about notice of something in particular (of a breach, of changes to the terms, a privacy
notice) is not the notices clause; one under a "Notices" heading is preferred over one elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clausecheck.document import Document

_GIVEN = re.compile(
    r"\b(?:all|any)\s+(?:\w+\s+){0,3}?notices?\b[^.;]{0,160}?\b(?:shall|must|will|may)\s+(?:only\s+)?be\s+"
    r"(?:in\s+writing|given|sent|delivered|made|deemed|addressed|provided|served|effective)"
    r"|\bnotices?\s+(?:to|required|permitted|given|under)\b[^.;]{0,160}?\b(?:shall|must)\s+be\s+"
    r"(?:in\s+writing|given|sent|delivered|made|addressed|provided|served)", re.IGNORECASE)
_HEADING = re.compile(r"^\W*(?:(?:section|article)\s+)?(?:[\dIVXivx]+(?:\.\d+)*\.?\s*)?(?:notices?|notice\s+"
                      r"provisions?|communications)\s*\.?\s*$", re.IGNORECASE)
_ABOUT_SOMETHING_ELSE = re.compile(
    r"\b(?:breach|security\s+incident|unauthori[sz]ed|privacy\s+(?:notice|policy)|changes?\s+to|"
    r"modif\w+|termination\s+notice|renewal)\b", re.IGNORECASE)
QUOTE_LIMIT = 600


@dataclass(frozen=True)
class NoticeClause:
    """The clause, its page and its section path as the reader saw it."""

    quote: str
    page: int | None
    section: str | None

    @property
    def where(self) -> str:
        """"Section 14.6", the section's heading, or "" when the clause stands under none."""
        from clausecheck.analysis.sections import section_name

        return section_name(self.section) or ""


def find_notice_clause(document: Document) -> NoticeClause | None:
    """The contract's clause on how notices are given, or None when it has none that can be read."""
    best: tuple[int, int, int] | None = None  # (rank, block index, match start); lower rank is better
    for index, block in enumerate(document.blocks):
        if block.kind == "heading":
            continue
        match = _GIVEN.search(block.text)
        if not match or _ABOUT_SOMETHING_ELSE.search(block.text[:match.end()]):
            continue
        under_heading = any(_HEADING.match(part) for part in block.section[-2:]) or bool(
            re.match(r"^\W*(?:[\dIVX]+(?:\.\d+)*\.?\s*)?notices?\s*[.:\u2014-]", block.text, re.IGNORECASE))
        rank = 0 if under_heading else 1
        if best is None or rank < best[0]:
            best = (rank, index, match.start())
    if best is None:
        return None
    _, index, start = best
    block = document.blocks[index]
    sentence_start = block.text.rfind(". ", 0, start)  # the quote starts with the sentence on notices
    quote = " ".join(block.text[sentence_start + 2 if sentence_start >= 0 else 0:].split())
    if len(quote) > QUOTE_LIMIT:
        quote = quote[:QUOTE_LIMIT].rsplit(" ", 1)[0] + " …"
    return NoticeClause(quote=quote, page=block.page,
                        section=" > ".join(block.section) if block.section else None)
