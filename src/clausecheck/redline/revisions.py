"""Word tracked changes on the WordprocessingML XML: deletions (w:del), insertions (w:ins) and inserted
paragraphs, each with author, date and a w:id unique in the document.

Written on lxml rather than through a library: python-docx (1.2) has no revisions API, and the
libraries that add one either rewrite split runs without their formatting and stamp the current time
(docx-revisions 0.1), or need the .NET runtime (python-redlines). Runs are split where a change starts
or ends, each half keeping the run's properties, so the text around a change looks as it did.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import TYPE_CHECKING

from clausecheck.readers.docx_numbering import W

if TYPE_CHECKING:
    from lxml.etree import _Element

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Elements whose w:id numbers a revision; Word wants these unique across the document.
REVISION_TAGS = frozenset(W + tag for tag in (
    "ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange",
    "tcPrChange", "tblGridChange", "numberingChange", "cellIns", "cellDel", "cellMerge", "customXmlInsRangeStart",
    "customXmlDelRangeStart", "moveFromRangeStart", "moveToRangeStart"))
_DELETED_TEXT = {f"{W}t": f"{W}delText", f"{W}instrText": f"{W}delInstrText"}
_OUTSIDE_TEXT = frozenset({f"{W}del", f"{W}moveFrom", f"{W}ins", f"{W}moveTo"})
# Paragraph properties that belong to the copied paragraph only: a section break, its own change record.
_NOT_COPIED = frozenset(W + tag for tag in ("sectPr", "pPrChange", "rPr"))


class RevisionError(Exception):
    """Text that cannot carry a new tracked change (it sits inside someone else's revision)."""


class TextCuts:
    """Splits w:t elements at the character offsets where changes start or end, all before any change is
    made, so that every change then addresses whole elements that no later split replaces."""

    def __init__(self) -> None:
        self._offsets: dict[_Element, set[int]] = {}
        self._segments: dict[_Element, list[tuple[int, _Element]]] = {}

    def add(self, element: _Element, offset: int) -> None:
        self._offsets.setdefault(element, set()).add(offset)

    def apply(self) -> None:
        for element, offsets in self._offsets.items():
            text = element.text or "" if element.tag == f"{W}t" else None
            cuts = sorted(offset for offset in offsets if text and 0 < offset < len(text))
            segments = [(0, element)]
            if cuts:
                bounds = [0, *cuts, len(text)]
                element.text = text[:cuts[0]]
                element.set(XML_SPACE, "preserve")
                previous = element
                for lower, upper in zip(bounds[1:-1], bounds[2:]):
                    segment = copy.deepcopy(element)
                    segment.text = text[lower:upper]
                    previous.addnext(segment)
                    segments.append((lower, segment))
                    previous = segment
            self._segments[element] = segments

    def starting(self, element: _Element, offset: int) -> _Element:
        """The element that, after the cuts, begins with character `offset` of `element`."""
        segments = self._segments.get(element, [(0, element)])
        return next(segment for lower, segment in reversed(segments) if lower <= offset)

    def ending(self, element: _Element, offset: int) -> _Element:
        """The element that, after the cuts, ends with the character before `offset` of `element`."""
        segments = self._segments.get(element, [(0, element)])
        return next(segment for lower, segment in reversed(segments) if lower < offset)


def highest_revision_id(roots: Iterable[_Element]) -> int:
    """The largest revision w:id used in these XML trees (0 when none)."""
    highest = 0
    for root in roots:
        for element in root.iter(*REVISION_TAGS):
            value = element.get(f"{W}id", "")
            if value.lstrip("-").isdigit():
                highest = max(highest, int(value))
    return highest


class Revisions:
    """Makes tracked changes by one author on one date, numbering them from `first_id`."""

    def __init__(self, author: str, date: str, first_id: int) -> None:
        self.author = author
        self.date = date  # ISO 8601, "2025-07-01T00:00:00Z"
        self._next_id = first_id

    def _mark(self, tag: str) -> _Element:
        """A new w:ins or w:del element with the next id, the author and the date."""
        from lxml import etree

        element = etree.Element(f"{W}{tag}")
        element.set(f"{W}id", str(self._next_id))
        element.set(f"{W}author", self.author)
        element.set(f"{W}date", self.date)
        self._next_id += 1
        return element

    def delete(self, runs: list[_Element]) -> list[_Element]:
        """Mark `runs` (from `isolate_runs`) deleted; returns the w:del elements, in reading order."""
        deletions = []
        for group in _sibling_groups(runs):
            parent = group[0].getparent()
            deletion = self._mark("del")
            parent.insert(parent.index(group[0]), deletion)
            for run in group:
                deletion.append(run)
                for text in run.iter(*_DELETED_TEXT):
                    text.tag = _DELETED_TEXT[text.tag]
            deletions.append(deletion)
        return deletions

    def insert_after(self, anchor: _Element, text: str, run_properties: _Element | None = None) -> _Element:
        """Insert `text` as a tracked insertion right after `anchor` (a child of a paragraph), in a run
        formatted by `run_properties` (a w:rPr to copy, or None); returns the w:ins."""
        insertion = self._mark("ins")
        insertion.append(text_run(text, run_properties))
        anchor.addnext(insertion)
        return insertion

    def new_paragraph(self, paragraph_properties: _Element | None,
                      runs: list[tuple[str, _Element | None]]) -> _Element:
        """A paragraph marked inserted (its text and its paragraph mark), formatted like the paragraph whose
        w:pPr is given; `runs` are (text, w:rPr to copy or None)."""
        from lxml import etree

        paragraph = etree.Element(f"{W}p")
        properties = etree.SubElement(paragraph, f"{W}pPr")
        if paragraph_properties is not None:
            for child in paragraph_properties:
                if child.tag not in _NOT_COPIED:
                    properties.append(copy.deepcopy(child))
        mark_properties = etree.SubElement(properties, f"{W}rPr")
        mark_properties.append(self._mark("ins"))
        insertion = self._mark("ins")
        for text, run_properties in runs:
            insertion.append(text_run(text, run_properties))
        paragraph.append(insertion)
        return paragraph


def text_run(text: str, run_properties: _Element | None = None) -> _Element:
    """A w:r showing `text`, formatted by a copy of `run_properties` (revision records left out)."""
    from lxml import etree

    run = etree.Element(f"{W}r")
    if run_properties is not None:
        properties = copy.deepcopy(run_properties)
        for change in properties.findall(f"{W}rPrChange"):
            properties.remove(change)
        for mark in [child for child in properties if child.tag in (f"{W}ins", f"{W}del")]:
            properties.remove(mark)
        if len(properties):
            run.append(properties)
    element = etree.SubElement(run, f"{W}t")
    element.text = text
    element.set(XML_SPACE, "preserve")
    return run


def isolate_runs(paragraph: _Element, first: _Element, last: _Element) -> list[_Element]:
    """Split runs so that whole runs show exactly the text elements from `first` to `last` of `paragraph`;
    return those runs in reading order. Each split half keeps a copy of the run's properties. Text
    inside someone else's tracked change is refused before anything is wrapped."""
    following = list(last.itersiblings())
    if following:
        _new_run_after(_run_of(last), following)
    if any(child.tag != f"{W}rPr" for child in first.itersiblings(preceding=True)):
        _new_run_after(_run_of(first), [first, *first.itersiblings()])
    runs = [run for run in paragraph.iter(f"{W}r") if _belongs_to(run, paragraph)]
    try:
        chosen = runs[runs.index(_run_of(first)):runs.index(_run_of(last)) + 1]
    except ValueError:
        raise RevisionError("the change starts or ends outside its paragraph") from None
    for run in chosen:
        if any(ancestor.tag in _OUTSIDE_TEXT for ancestor in _ancestors(run, paragraph)):
            raise RevisionError("the clause is inside a tracked change already made to the contract")
    return chosen


def _new_run_after(run: _Element, children: list[_Element]) -> None:
    """Move `children` of `run` into a new run, with a copy of its properties, placed right after it."""
    from lxml import etree

    new = etree.Element(run.tag, dict(run.attrib))
    properties = run.find(f"{W}rPr")
    if properties is not None:
        new.append(copy.deepcopy(properties))
    for child in children:
        new.append(child)
    run.addnext(new)


def _run_of(element: _Element) -> _Element:
    run = element.getparent()
    if run is None or run.tag != f"{W}r":
        raise RevisionError("the text is not in a plain run")
    return run


def _ancestors(element: _Element, stop: _Element) -> list[_Element]:
    found = []
    current = element.getparent()
    while current is not None and current is not stop:
        found.append(current)
        current = current.getparent()
    return found


def _belongs_to(run: _Element, paragraph: _Element) -> bool:
    """The run is this paragraph's own, not one of a text box's paragraph inside it."""
    current = run.getparent()
    while current is not None and current.tag != f"{W}p":
        current = current.getparent()
    return current is paragraph


def _sibling_groups(runs: list[_Element]) -> list[list[_Element]]:
    """Consecutive runs under one parent, each group with the markup between them (bookmarks, proofing
    marks) that a w:del may hold."""
    groups: list[list[_Element]] = []
    for run in runs:
        if groups and groups[-1][-1].getparent() is run.getparent():
            previous = groups[-1][-1]
            between = []
            sibling = previous.getnext()
            while sibling is not None and sibling is not run:
                between.append(sibling)
                sibling = sibling.getnext()
            if sibling is run and all(_range_markup(element) for element in between):
                groups[-1] += [*between, run]
                continue
        groups.append([run])
    return groups


def _range_markup(element: _Element) -> bool:
    local = element.tag.rsplit("}", 1)[-1]
    return local in ("bookmarkStart", "bookmarkEnd", "proofErr", "permStart", "permEnd", "commentRangeStart",
                     "commentRangeEnd")


def paragraph_child(element: _Element, paragraph: _Element) -> _Element:
    """The child of `paragraph` that holds `element` (itself, or a hyperlink or content control around it)."""
    current = element
    while current.getparent() is not paragraph:
        current = current.getparent()
        if current is None:
            raise RevisionError("the element is not in the paragraph")
    return current
