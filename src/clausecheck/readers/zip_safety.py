"""Refuse hostile .docx packages (zip bombs, XML with DOCTYPE/ENTITY declarations) before parsing them."""

from __future__ import annotations

import zipfile
import zlib

from clausecheck.errors import InputError

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_RATIO = 100
RATIO_CHECKED_ABOVE_BYTES = 1024 * 1024  # small members compress well legitimately (repetitive XML)
CHUNK_BYTES = 1024 * 1024

RESAVE = "re-save it from Word or LibreOffice and try again"
# What zipfile raises for a damaged archive; OSError: a corrupt header can send it to seek before the start.
DAMAGED_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError)
# A DTD is how XML declares entities (the "billion laughs" and external-entity attacks); a real .docx
# never has one. Checked in the encodings XML parts may use.
_DTD_MARKERS = tuple(marker.encode(encoding)
                     for marker in ("<!DOCTYPE", "<!ENTITY")
                     for encoding in ("utf-8", "utf-16-le", "utf-16-be"))
_OVERLAP = max(len(marker) for marker in _DTD_MARKERS) - 1


def check_docx_package(path: str) -> None:
    """Raise InputError if the ZIP at `path` is damaged, too large unpacked, or carries a DTD."""
    try:
        with zipfile.ZipFile(path) as archive:
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


def _check_no_dtd(path: str, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    # Read in chunks and never more than the declared size allows, whatever the data claims.
    tail = b""
    budget = min(member.file_size, MAX_UNCOMPRESSED_BYTES) + 1
    with archive.open(member) as stream:
        while budget > 0:
            chunk = stream.read(min(CHUNK_BYTES, budget))
            if not chunk:
                return
            budget -= len(chunk)
            window = tail + chunk
            if any(marker in window for marker in _DTD_MARKERS):
                raise InputError(path, f"contains an XML document type declaration (DOCTYPE/ENTITY) in "
                                       f"{member.filename}, which a genuine .docx never has; refusing "
                                       f"to read it for safety - {RESAVE}")
            tail = window[-_OVERLAP:]
    raise InputError(path, f"has a part ({member.filename}) larger than its ZIP directory says; "
                           f"refusing to read it - {RESAVE}")
