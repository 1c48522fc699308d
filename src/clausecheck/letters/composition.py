"""The layout every writer reads, and the parts every letter and notice shares.

Builders (amendment letter, parent notice, breach notice) produce a `Composition`, a document as a
sequence of typed blocks with no format in it, from shared parts (the sender's letterhead, the recipient,
the contract it is about, paragraphs from the wording template, the signature block); writers turn one
into DOCX, Markdown, plain text or HTML. Adding a format is one writer; adding a document is one builder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from clausecheck.district import District
from clausecheck.letters.wording import Wording

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


@dataclass(frozen=True)
class Vendor:
    """The letter's recipient."""

    name: str
    address: tuple[str, ...] = ()
    attention: str = ""  # "Jane Roe, General Counsel"

    @property
    def attention_name(self) -> str:
        return self.attention.split(",")[0].strip()


@dataclass(frozen=True)
class Contract:
    """The contract a letter or notice is about."""

    title: str = ""
    file: str = ""
    dated: str | None = None
    sha256: str | None = None

    @property
    def named(self) -> str:
        """'the Student Data Privacy Agreement', or 'the agreement' when the title is unknown."""
        if not self.title:
            return "the agreement"
        title = self.title.title() if self.title.isupper() else self.title
        return title if title.lower().startswith("the ") else f"the {title}"


def letterhead(district: District) -> Block:
    return Block(LETTERHEAD, lines=(district.name, *district.address, *district.contact_lines))


def signature(closing: str, district: District, party: str | None = None) -> Block:
    """Closing words, then the signer's typed name (empty when none is set: a printed letter then gets a
    line to sign on), title and the party signing: `party` (the Board of Education, for a letter to a
    contractor), else the district."""
    lines = [closing, district.signer]
    if district.signer_title:
        lines.append(district.signer_title)
    lines.append(party or district.name)
    return Block(SIGNATURE, lines=tuple(lines))


def paragraphs(wording: Wording, key: str, context: dict) -> list[Block]:
    """The paragraphs of template part `key`, as blocks."""
    return [Block(PARAGRAPH, text=text) for text in wording.paragraphs(key, context)]
