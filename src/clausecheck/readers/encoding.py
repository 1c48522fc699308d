"""Decide whether bytes are text and decode them: UTF-8, UTF-16/32 with a BOM, else cp1252 or Latin-1."""

from __future__ import annotations

import codecs
import re

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newlines, form feed and \x1a (the DOS end-of-file mark).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]")
# Share of control characters above which decoded bytes are binary, not text with a few stray bytes.
MAX_CONTROL_SHARE = 0.02


def _looks_like_text(text: str) -> bool:
    if "\x00" in text:
        return False
    return len(_CONTROLS.findall(text)) <= MAX_CONTROL_SHARE * max(len(text), 1)


def decode_text(data: bytes, *, complete: bool = True) -> str | None:
    """Decode `data` as text, or return None if it is not text.

    With `complete=False`, `data` is a prefix of a file and may end inside a multi-byte character.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
            try:
                text = decoder.decode(data, final=complete)
            except UnicodeDecodeError:
                return None
            text = text.lstrip("\ufeff")
            return text if _looks_like_text(text) else None
    if b"\x00" in data:
        return None
    try:
        text = codecs.getincrementaldecoder("utf-8")(errors="strict").decode(data, final=complete)
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:  # cp1252 leaves five bytes undefined; Latin-1 decodes anything
            text = data.decode("latin-1")
    return text if _looks_like_text(text) else None
