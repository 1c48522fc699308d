"""Every conflicting clause, not only the first few a finding quotes: the contract as it reads once the
redline is accepted is checked again, and any other clause still in conflict is struck too.

A finding quotes at most a few contradicting clauses (checks.base.MAX_EVIDENCE); a contract with more
would, once the redline is accepted, still fail on the ones it did not quote. The accepted text is built
here from the plan (struck clauses out, replacements in their place, new terms at the end), with a map
from its offsets back to the contract's, so a clause found there is struck where it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from clausecheck.document import BLOCK_SEPARATOR, Block, Document
from clausecheck.findings import CONFLICT, DocumentReport, Evidence
from clausecheck.redline.plan import SECTION_TITLE, RedlinePlan

MAX_ROUNDS = 6
# (offset in the accepted text, offset in the contract or None for inserted text, length)
_Segment = tuple[int, int | None, int]


def complete_plan(report: DocumentReport, document: Document, rulebooks: list,
                  make_plan: Callable[[DocumentReport], RedlinePlan]) -> RedlinePlan:
    """The plan `make_plan` draws from `report`, with the contradicting clauses added that the check still
    finds in the accepted contract, round after round until it finds none."""
    from clausecheck.checks.base import MAX_EVIDENCE
    from clausecheck.engine import check_document

    # Only a finding that quotes as many contradicting clauses as a finding can may have left some out.
    conflicting = {finding.provision for finding in report.findings
                   if finding.status == CONFLICT and not finding.waived
                   and sum(item.role == "contradicts" for item in finding.evidence) >= MAX_EVIDENCE}
    plan = make_plan(report)
    for _ in range(MAX_ROUNDS if conflicting else 0):
        accepted, to_contract = _accepted(document, plan)
        known = {(item.start, item.end) for finding in report.findings for item in finding.evidence}
        extra: dict[str, list[Evidence]] = {}
        for book in rulebooks:
            for finding in check_document(accepted, book):
                if finding.provision not in conflicting or finding.status != CONFLICT:
                    continue
                for item in finding.evidence:
                    span = to_contract(item.start, item.end) if item.role == "contradicts" else None
                    if span and span not in known:
                        known.add(span)
                        extra.setdefault(finding.provision, []).append(
                            replace(item, start=span[0], end=span[1], quote=document.text[span[0]:span[1]],
                                    section=_section(document, span[0])))
        if not extra:
            break
        report = replace(report, findings=tuple(
            replace(finding, evidence=(*finding.evidence, *extra[finding.provision]))
            if finding.provision in extra else finding for finding in report.findings))
        plan = make_plan(report)
    return plan


def _accepted(document: Document, plan: RedlinePlan) -> tuple[Document, Callable]:
    """The contract's text with the plan accepted, and a function from its offsets back to the contract's
    ((start, end), or None for text the redline inserts)."""
    struck = sorted((item.start, item.end, " ".join(item.texts)) for item in plan.replacements)
    blocks: list[Block] = []
    segments: list[_Segment] = []
    length = 0
    for block in document.blocks:
        pieces: list[tuple[str, int | None]] = []
        position = block.start
        for start, end, inserted in struck:
            if end <= block.start or start >= block.end:
                continue
            if start > position:
                pieces.append((document.text[position:start], position))
            position = max(position, min(end, block.end))
            if inserted and block.start < end <= block.end:
                pieces.append((inserted, None))
        pieces.append((document.text[position:block.end], position))
        text = "".join(piece for piece, _ in pieces)
        lead = len(text) - len(text.lstrip())
        text = text.strip()
        if not text:
            continue
        if blocks:
            length += len(BLOCK_SEPARATOR)
        offset = length - lead
        for piece, origin in pieces:
            segments.append((offset, origin, len(piece)))
            offset += len(piece)
        blocks.append(replace(block, text=text, start=length, end=length + len(text)))
        length += len(text)
    for addition in plan.additions:
        length += len(BLOCK_SEPARATOR)
        blocks.append(Block(addition.text, length, length + len(addition.text), section=(SECTION_TITLE,)))
        segments.append((length, None, len(addition.text)))
        length += len(addition.text)
    text = BLOCK_SEPARATOR.join(block.text for block in blocks)
    accepted = Document(path=document.path, format=document.format, text=text, blocks=tuple(blocks),
                        pages=document.pages, _starts=tuple(block.start for block in blocks))

    def to_contract(start: int, end: int) -> tuple[int, int] | None:
        first, last = _origin(segments, start), _origin(segments, end - 1)
        return (first, last + 1) if first is not None and last is not None else None

    return accepted, to_contract


def _origin(segments: list[_Segment], offset: int) -> int | None:
    for start, origin, size in segments:
        if start <= offset < start + size:
            return None if origin is None else origin + offset - start
    return None


def _section(document: Document, offset: int) -> str | None:
    block = document.block_at(offset)
    return " > ".join(block.section) if block is not None and block.section else None
