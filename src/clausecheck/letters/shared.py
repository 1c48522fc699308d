"""The parts every letter and notice shares: the sender's letterhead, the recipient, the contract it is
about, paragraphs from the wording template, and the signature block."""

from __future__ import annotations

from dataclasses import dataclass

from clausecheck.district import District
from clausecheck.letters.layout import LETTERHEAD, PARAGRAPH, SIGNATURE, Block
from clausecheck.letters.wording import Wording


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
