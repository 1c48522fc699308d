"""The layout every writer reads: a document as a sequence of typed blocks, with no format in it.

Builders (amendment letter, parent notice, breach notice) produce a `Composition`; writers turn one into
DOCX, Markdown, plain text or HTML. Adding a format is one writer; adding a document is one builder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Block kinds, in the order a business letter uses them.
LETTERHEAD = "letterhead"  # lines: the sender's name first, then address and contacts
DATE = "date"              # text
ADDRESS = "address"        # lines: the recipient's name and address
SUBJECT = "subject"        # text: "Re: ..."
TITLE = "title"            # text: the heading of a notice
HEADING = "heading"        # text: a section heading
PARAGRAPH = "paragraph"    # text
ITEM = "item"              # number, text (its title) and fields: one requested amendment
BULLETS = "bullets"        # lines: a list
SIGNATURE = "signature"    # lines: closing words, then (after a space for the signature) name and title
NOTE = "note"              # text: small print (copies, file notes)
PAGE_BREAK = "page-break"  # the appendix starts on a new page where pages exist


@dataclass(frozen=True)
class Field:
    """One labelled part of an item; `quote` marks text taken from the contract."""

    label: str
    text: str
    quote: bool = False
    where: str = ""  # for a quote: "page 3, § 7 Data Security"


@dataclass(frozen=True)
class Block:
    kind: str
    text: str = ""
    lines: tuple[str, ...] = ()
    number: int | None = None
    fields: tuple[Field, ...] = ()


@dataclass(frozen=True)
class Composition:
    """A finished document: its blocks and the facts a file format records about it."""

    title: str
    blocks: tuple[Block, ...]
    dated: date
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = field(default=())
