"""Refuse hostile .docx packages (zip bombs, XML with DOCTYPE/ENTITY declarations) before parsing them."""

from __future__ import annotations

import codecs
import io
import re
import zipfile
import zlib
from typing import TYPE_CHECKING

from clausecheck.errors import InputError

if TYPE_CHECKING:
    from clausecheck.readers.source_file import SourceFile

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_RATIO = 100
RATIO_CHECKED_ABOVE_BYTES = 1024 * 1024  # small members compress well legitimately (repetitive XML)
CHUNK_BYTES = 1024 * 1024

RESAVE = "re-save it from Word or LibreOffice and try again"
# What zipfile raises for a damaged archive; OSError: a corrupt header can send it to seek before the start.
DAMAGED_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError)
# A DTD is how XML declares entities (the "billion laughs" and external-entity attacks); a real .docx
# never has one. Looked for in the text after decoding the part as an XML parser would (any encoding),
# and in the raw bytes as UTF-8 and UTF-16 for good measure.
_DTD_TEXT = ("<!DOCTYPE", "<!ENTITY")
_DTD_MARKERS = tuple(marker.encode(encoding) for marker in _DTD_TEXT
                     for encoding in ("utf-8", "utf-16-le", "utf-16-be"))
_OVERLAP = 4 * max(len(marker) for marker in _DTD_TEXT)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# XML 1.0 appendix F: how a parser tells the encoding of a document without a byte-order mark.
_FIRST_BYTES = ((b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"), (b"\x00<\x00?", "utf-16-be"),
                (b"<\x00?\x00", "utf-16-le"), (b"\x4c\x6f\xa7\x94", "cp037"))
_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")


def check_docx_package(source: SourceFile) -> None:
    """Raise InputError if the ZIP `source` is damaged, too large unpacked, or carries a DTD."""
    path = source.path
    try:
        with zipfile.ZipFile(io.BytesIO(source.data)) as archive:
            members = archive.infolist()
            _check_sizes(path, members)
            for member in members:
                if member.filename.lower().endswith((".xml", ".rels")):
                    _check_no_dtd(path, archive, member)
    except DAMAGED_ZIP_ERRORS as error:
        raise InputError(path, f"is a damaged .docx ({error}); {RESAVE}") from None
    except (NotImplementedError, RuntimeError) as error:  # unsupported compression, encrypted member
        raise InputError(path, f"is a .docx this tool cannot unpack ({error}); {RESAVE}") from None


def _check_sizes(path: str, members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise InputError(path, f"has {len(members)} parts, far more than a Word document; refusing to "
                               f"unpack it (possible zip bomb) - {RESAVE}")
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise InputError(path, f"would unpack to {total // 2**20} MB, over the "
                               f"{MAX_UNCOMPRESSED_BYTES // 2**20} MB limit; refusing to unpack it "
                               f"(possible zip bomb) - {RESAVE}")
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECKED_ABOVE_BYTES and ratio > MAX_RATIO:
            raise InputError(path, f"has a part ({member.filename}) compressed {ratio:.0f}:1, beyond "
                                   f"the {MAX_RATIO}:1 a document needs; refusing to unpack it "
                                   f"(possible zip bomb) - {RESAVE}")


def xml_encoding(head: bytes) -> str | None:
    """The encoding an XML parser reads a part in: its byte-order mark, else its first bytes (XML 1.0
    appendix F), else the declaration's `encoding`, else UTF-8; None for one Python does not know."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    family = next((encoding for first, encoding in _FIRST_BYTES if head.startswith(first)), None)
    sample = head.decode(family, errors="replace").encode("latin-1", errors="replace") if family else head
    declared = _DECLARED.match(sample)
    name = declared.group(1).decode("ascii") if declared else (family or "utf-8")
    if family and family.startswith("utf-") and name.lower().replace("_", "-") in ("utf-16", "utf-32"):
        name = family  # "UTF-16" declared in a part whose first bytes already say which byte order
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _check_no_dtd(path: str, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    # Read in chunks and never more than the declared size allows, whatever the data claims.
    def refuse() -> None:
        raise InputError(path, f"contains an XML document type declaration (DOCTYPE/ENTITY) in "
                               f"{member.filename}, which a genuine .docx never has; refusing "
                               f"to read it for safety - {RESAVE}")

    tail, text_tail, decoder = b"", "", None
    budget = min(member.file_size, MAX_UNCOMPRESSED_BYTES) + 1
    with archive.open(member) as stream:
        while budget > 0:
            chunk = stream.read(min(CHUNK_BYTES, budget))
            if not chunk:
                if decoder is not None and any(marker in text_tail + decoder.decode(b"", final=True)
                                               for marker in _DTD_TEXT):
                    refuse()
                return
            budget -= len(chunk)
            if decoder is None:
                encoding = xml_encoding(chunk[:1024])
                if encoding is None:
                    raise InputError(path, f"declares an encoding in {member.filename} that this tool cannot "
                                           f"check; a genuine .docx is UTF-8 or UTF-16 - {RESAVE}")
                decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
            window = tail + chunk
            text = text_tail + decoder.decode(chunk)
            if any(marker in window for marker in _DTD_MARKERS) or any(marker in text for marker in _DTD_TEXT):
                refuse()
            tail, text_tail = window[-_OVERLAP:], text[-_OVERLAP:]
    raise InputError(path, f"has a part ({member.filename}) larger than its ZIP directory says; "
                           f"refusing to read it - {RESAVE}")
