"""Test helper: Word's "Accept All" and "Reject All" on a .docx's XML, and the parts of a package.

Accepting removes deletions and keeps insertions' content; rejecting removes insertions (and paragraphs
whose mark was inserted) and turns deletions back into text. `author` limits either to one author's
changes, so a contract's own earlier revisions stay as they were.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def package_parts(path: Path | bytes) -> dict[str, bytes]:
    source = io.BytesIO(path) if isinstance(path, bytes) else path
    with zipfile.ZipFile(source) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def with_part(path: Path, name: str, data: bytes, target: Path) -> Path:
    """A copy of the package at `path` with part `name` replaced by `data`."""
    parts = package_parts(path)
    parts[name] = data
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
    return target


def _mine(element, author: str | None) -> bool:
    return author is None or element.get(f"{W}author") == author


def _unwrap(element) -> None:
    parent = element.getparent()
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def accept_all(document_xml: bytes, author: str | None = None) -> bytes:
    root = etree.fromstring(document_xml)
    for deletion in list(root.iter(f"{W}del")):
        if _mine(deletion, author) and deletion.getparent().tag != f"{W}rPr":
            deletion.getparent().remove(deletion)
    for insertion in list(root.iter(f"{W}ins")):
        if not _mine(insertion, author):
            continue
        if insertion.getparent().tag == f"{W}rPr":  # an inserted paragraph mark: the paragraph stays
            insertion.getparent().remove(insertion)
        else:
            _unwrap(insertion)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def reject_all(document_xml: bytes, author: str | None = None) -> bytes:
    root = etree.fromstring(document_xml)
    for mark in list(root.iter(f"{W}ins")):
        if _mine(mark, author) and mark.getparent().tag == f"{W}rPr":
            paragraph = mark.getparent().getparent().getparent()
            paragraph.getparent().remove(paragraph)
    for insertion in list(root.iter(f"{W}ins")):
        if _mine(insertion, author) and insertion.getparent() is not None:
            insertion.getparent().remove(insertion)
    for deletion in list(root.iter(f"{W}del")):
        if not _mine(deletion, author) or deletion.getparent().tag == f"{W}rPr":
            continue
        for text in deletion.iter(f"{W}delText"):
            text.tag = f"{W}t"
        _unwrap(deletion)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
