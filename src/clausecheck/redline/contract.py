"""Place a redline plan in the contract's own .docx: conflicting clauses struck with their replacements
inserted beside them, missing terms in a new numbered section, comments saying why, and every other part
of the file as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from clausecheck.analysis.sections import section_name
from clausecheck.readers.docx_numbering import W
from clausecheck.redline import explanations
from clausecheck.redline.comments import COMMENTS_CONTENT_TYPE, COMMENTS_RELATIONSHIP, Comments, anchor
from clausecheck.redline.docx_map import DocxMap, MappingError, ParagraphSpan
from clausecheck.redline.package import DocxPackage
from clausecheck.redline.plan import (
    SECTION_TITLE,
    Addition,
    Confirmation,
    RedlinePlan,
    Replacement,
    amendment_text,
    precedence_text,
)
from clausecheck.redline.revisions import (
    RevisionError,
    Revisions,
    TextCuts,
    highest_revision_id,
    isolate_runs,
    paragraph_child,
)
from clausecheck.redline.section import SectionLayout, section_layout
from clausecheck.redline.terms import terms_note

if TYPE_CHECKING:
    from lxml.etree import _Element


@dataclass(frozen=True)
class RedlineResult:
    """The redlined file and what it holds."""

    data: bytes
    struck: int  # clauses marked deleted
    replaced: int  # amendment texts inserted beside them
    added: int  # terms in the new section (the order of precedence included)
    comments: int
    section: str | None  # "Section 15", where the new section went
    unmarked: tuple[str, ...] = field(default=())  # clauses that could not be struck, and why


def write_redline(mapped: DocxMap, plan: RedlinePlan, author: str, date: str) -> RedlineResult:
    """The bytes of a copy of the .docx read into `mapped` with `plan` as tracked changes."""
    from lxml import etree

    package = DocxPackage(mapped.source.data)
    document_part = mapped.word.part.partname.lstrip("/")
    other_parts = [etree.fromstring(data) for name, data in _xml_parts(package, document_part)]
    revisions = Revisions(author, date, highest_revision_id([mapped.word.element, *other_parts]) + 1)
    comments_part = package.related_part(document_part, COMMENTS_RELATIONSHIP)
    comments = Comments(package.read(comments_part) if comments_part else None, author, date)

    placed = _Placer(mapped, revisions, comments, plan)
    additions = [*plan.additions, *placed.amend()]
    section = placed.new_section(additions) if additions or plan.replacements else None

    package.write(document_part, etree.tostring(mapped.word.element, xml_declaration=True, encoding="UTF-8",
                                                standalone=True))
    if comments.added:
        if comments_part is None:
            comments_part = _free_name(package, "word/comments.xml")
            package.add_part(document_part, comments_part, COMMENTS_RELATIONSHIP, COMMENTS_CONTENT_TYPE)
        package.write(comments_part, comments.to_bytes())
    return RedlineResult(package.to_bytes(), placed.struck, placed.replaced, placed.added, comments.added, section,
                         tuple(placed.unmarked))


class _Placer:
    """Applies one plan to the mapped XML, counting what it did."""

    def __init__(self, mapped: DocxMap, revisions: Revisions, comments: Comments, plan: RedlinePlan) -> None:
        self.mapped = mapped
        self.revisions = revisions
        self.comments = comments
        self.plan = plan
        self.struck = self.replaced = self.added = 0
        self.unmarked: list[str] = []
        self.amended_sections: list[str] = []
        self._cuts = TextCuts()

    def amend(self) -> list[Addition]:
        """Comment the clauses to confirm, strike the conflicting ones and insert their replacements.
        Every position is located, and the text split there, before anything is changed, so no change
        moves the text another one points to. Clauses that cannot be marked come back as additions for
        the new section, with a comment saying which clause to strike by hand."""
        unplaced: list[Addition] = []
        replacements = []
        for replacement in self.plan.replacements:
            try:
                replacements.append((replacement, self._locate(replacement.start, replacement.end)))
            except MappingError as error:
                unplaced += self._unmarked(replacement, str(error))
        confirmations = []
        for confirmation in self.plan.confirmations:
            try:
                evidence = confirmation.evidence[0]
                confirmations.append((confirmation, self._locate(evidence.start, evidence.end)))
            except (IndexError, MappingError):
                continue  # nothing to point at: the question is in the finding's own words only
        self._cuts.apply()
        for confirmation, spans in confirmations:
            self._confirm(confirmation, spans)
        for replacement, spans in replacements:
            try:
                runs = [(span.paragraph.element, isolate_runs(span.paragraph.element, *self._ends(span)))
                        for span in spans]
            except RevisionError as error:
                unplaced += self._unmarked(replacement, str(error))
                continue
            self._strike(replacement, runs)
        return unplaced

    def _strike(self, replacement: Replacement, runs: list[tuple[_Element, list[_Element]]]) -> None:
        deletions = [deletion for _, paragraph_runs in runs for deletion in self.revisions.delete(paragraph_runs)]
        self.struck += 1
        last = paragraph_child(deletions[-1], runs[-1][0])
        if replacement.texts:
            last = self.revisions.insert_after(last, " ".join(replacement.texts), runs[-1][1][-1].find(f"{W}rPr"))
            self.replaced += len(replacement.texts)
        comment = self.comments.add(explanations.struck_comment(replacement.findings, bool(replacement.texts)))
        anchor(comment, paragraph_child(deletions[0], runs[0][0]), last)
        name = section_name(replacement.section)
        if name:
            self.amended_sections.append(name)

    def _confirm(self, confirmation: Confirmation, spans: list[ParagraphSpan]) -> None:
        try:
            first_paragraph, last_paragraph = spans[0].paragraph.element, spans[-1].paragraph.element
            first = isolate_runs(first_paragraph, *self._ends(spans[0]))[0]
            last = isolate_runs(last_paragraph, *self._ends(spans[-1]))[-1]
        except RevisionError:
            return
        text = amendment_text(confirmation.finding, self.plan.terms)
        comment = self.comments.add(explanations.confirmation_comment(confirmation.finding, text))
        anchor(comment, paragraph_child(first, first_paragraph), paragraph_child(last, last_paragraph))

    def _locate(self, start: int, end: int) -> list[ParagraphSpan]:
        """The paragraph spans of document text [start, end), with the text to be split at their ends."""
        spans = self.mapped.spans(start, end)
        for span in spans:
            first, last = span.paragraph.pieces[span.start], span.paragraph.pieces[span.end]
            if first.element is None or last.element is None:
                raise MappingError("the clause runs across a text box")
        for span in spans:
            self._cuts.add(span.paragraph.pieces[span.start].element, span.start_offset)
            self._cuts.add(span.paragraph.pieces[span.end].element, span.end_offset)
        return spans

    def _ends(self, span: ParagraphSpan) -> tuple[_Element, _Element]:
        """The first and last text elements of a span, once the text is split."""
        return (self._cuts.starting(span.paragraph.pieces[span.start].element, span.start_offset),
                self._cuts.ending(span.paragraph.pieces[span.end].element, span.end_offset))

    def new_section(self, additions: list[Addition]) -> str | None:
        """The new numbered section: one term per addition, then the order of precedence."""
        layout = section_layout(self.mapped, SECTION_TITLE)
        body = self.mapped.word.element.body
        heading = self.revisions.new_paragraph(layout.heading_properties, [(layout.heading_text, layout.heading_run)])
        items = []
        for number, addition in enumerate(additions, start=1):
            items.append((self._item(layout, number, addition.text), addition))
        label = f"Section {layout.label}" if layout.label else None
        these = f"The terms of Section {layout.label}" if layout.label else f"The {SECTION_TITLE}"
        precedence = precedence_text(self.plan.terms, these, self.amended_sections)
        precedence_paragraph = self._item(layout, len(additions) + 1, precedence)
        paragraphs = [heading, *(paragraph for paragraph, _ in items), precedence_paragraph]
        for paragraph in paragraphs:
            if layout.before is not None:
                layout.before.addprevious(paragraph)
            else:
                sections = body.findall(f"{W}sectPr")
                (sections[-1].addprevious if sections else body.append)(paragraph)
        self._comment_inserted(heading, explanations.section_comment(terms_note(self.plan.terms)))
        for paragraph, addition in items:
            comment = (addition.note if isinstance(addition, _UnmarkedAddition)
                       else explanations.added_comment(addition.finding))
            self._comment_inserted(paragraph, comment)
        self._comment_inserted(precedence_paragraph, explanations.precedence_comment())
        self.added += len(additions) + 1
        return label

    def _item(self, layout: SectionLayout, number: int, text: str) -> _Element:
        return self.revisions.new_paragraph(layout.item_properties, [(layout.item_text(number, text), layout.item_run)])

    def _comment_inserted(self, paragraph: _Element, lines: list[str]) -> None:
        insertion = paragraph.find(f"{W}ins")
        anchor(self.comments.add(lines), insertion[0], insertion[-1])

    def _unmarked(self, replacement: Replacement, why: str) -> list[Addition]:
        where = section_name(replacement.section) or "the Agreement"
        quote = self.mapped.document.text[replacement.start:replacement.end]
        self.unmarked.append(f"{where}: {why}")
        return [_UnmarkedAddition(finding, amendment_text(finding, self.plan.terms),
                                  explanations.unmarked_comment(finding, where, quote, why))
                for finding in replacement.findings if finding.amendment]


@dataclass(frozen=True)
class _UnmarkedAddition(Addition):
    note: list[str] = field(default_factory=list)


def _xml_parts(package: DocxPackage, skip: str) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of the WordprocessingML parts other than `skip`."""
    for name in package.names():
        if name.startswith("word/") and name.endswith(".xml") and name != skip:
            yield name, package.read(name)


def _free_name(package: DocxPackage, name: str) -> str:
    stem, number = name[:-4], 1
    while package.read(name) is not None:
        number += 1
        name = f"{stem}{number}.xml"
    return name
