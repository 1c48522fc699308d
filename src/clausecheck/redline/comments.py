"""Word comments on the WordprocessingML XML: the comments part and the range each comment covers.

python-docx 1.2 can add comments, but only through its own save, which rewrites every XML part of the
package (headers, footers, numbering); the redline keeps those byte for byte, so comments are written
here, beside the revisions, into a comments part that keeps any comments the contract already has.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clausecheck.readers.docx_numbering import W
from clausecheck.redline.revisions import XML_SPACE

if TYPE_CHECKING:
    from lxml.etree import _Element

COMMENTS_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_EMPTY_PART = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               b'<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')


class Comments:
    """The comments of one document: those it had, and new ones by one author on one date."""

    def __init__(self, existing_part: bytes | None, author: str, date: str) -> None:
        from lxml import etree

        self.root = etree.fromstring(existing_part or _EMPTY_PART)
        self.author = author
        self.initials = "".join(word[0] for word in author.split() if word[:1].isalnum())[:4].upper() or "CC"
        self.date = date
        used = [int(value) for value in (comment.get(f"{W}id", "") for comment in self.root.iter(f"{W}comment"))
                if value.lstrip("-").isdigit()]
        self._next_id = max(used, default=-1) + 1
        self.added = 0

    def add(self, paragraphs: list[str]) -> str:
        """A new comment of one or more paragraphs; returns its id for the anchors."""
        from lxml import etree

        comment_id = str(self._next_id)
        self._next_id += 1
        self.added += 1
        comment = etree.SubElement(self.root, f"{W}comment")
        comment.set(f"{W}id", comment_id)
        comment.set(f"{W}author", self.author)
        comment.set(f"{W}date", self.date)
        comment.set(f"{W}initials", self.initials)
        for number, text in enumerate(paragraphs):
            paragraph = etree.SubElement(comment, f"{W}p")
            if number == 0:
                etree.SubElement(etree.SubElement(paragraph, f"{W}r"), f"{W}annotationRef")
            run = etree.SubElement(paragraph, f"{W}r")
            element = etree.SubElement(run, f"{W}t")
            element.text = text
            element.set(XML_SPACE, "preserve")
        return comment_id

    def to_bytes(self) -> bytes:
        from lxml import etree

        return etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)


def anchor(comment_id: str, first: _Element, last: _Element) -> None:
    """Mark `first` to `last` (elements in reading order) as the text the comment is about, and put the
    comment's reference mark right after `last`. Inside a w:ins, the marks go with a rejected insertion."""
    from lxml import etree

    start = etree.Element(f"{W}commentRangeStart")
    start.set(f"{W}id", comment_id)
    first.addprevious(start)
    end = etree.Element(f"{W}commentRangeEnd")
    end.set(f"{W}id", comment_id)
    last.addnext(end)
    reference_run = etree.Element(f"{W}r")
    etree.SubElement(reference_run, f"{W}commentReference").set(f"{W}id", comment_id)
    end.addnext(reference_run)
