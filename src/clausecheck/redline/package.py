"""A changed copy of a .docx package: the parts the redline changed, and every other part byte for byte.

Headers, footers, numbering, styles, images and any existing tracked changes outside the body are
copied from the original zip unread, so the redline changes nothing it does not mean to.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import _Element

CONTENT_TYPES = "[Content_Types].xml"
_CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


class DocxPackage:
    """The original package's entries, read once, and the replacements to write."""

    def __init__(self, data: bytes) -> None:
        """`data`: the .docx as the reader read and checked it (its size and entries), never read again."""
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self._entries = [(info, archive.read(info.filename)) for info in archive.infolist()]
        self._names = {info.filename for info, _ in self._entries}
        self._changed: dict[str, bytes] = {}

    def names(self) -> list[str]:
        return [info.filename for info, _ in self._entries]

    def read(self, name: str) -> bytes | None:
        if name in self._changed:
            return self._changed[name]
        return next((data for info, data in self._entries if info.filename == name), None)

    def write(self, name: str, data: bytes) -> None:
        self._changed[name] = data

    def to_bytes(self) -> bytes:
        """The package with the replaced parts in their places and the new parts at the end."""
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as target:
            for info, data in self._entries:
                target.writestr(info, self._changed.get(info.filename, data))
            for name, data in self._changed.items():
                if name not in self._names:
                    target.writestr(zipfile.ZipInfo(name, date_time=self._entries[0][0].date_time),
                                    data, compress_type=zipfile.ZIP_DEFLATED)
        return output.getvalue()

    def related_part(self, source_part: str, relationship_type: str) -> str | None:
        """The zip name of the part `source_part` relates to by `relationship_type`, if any."""
        from lxml import etree

        rels = self.read(relationships_name(source_part))
        if rels is None:
            return None
        for relationship in etree.fromstring(rels).iter(f"{{{_RELATIONSHIPS_NS}}}Relationship"):
            if relationship.get("Type") == relationship_type and relationship.get("TargetMode") != "External":
                return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), relationship.get("Target")))
        return None

    def add_part(self, source_part: str, name: str, relationship_type: str, content_type: str) -> None:
        """Relate a new part `name` to `source_part` and declare its content type."""
        from lxml import etree

        rels_name = relationships_name(source_part)
        rels = etree.fromstring(self.read(rels_name) or
                                f'<Relationships xmlns="{_RELATIONSHIPS_NS}"/>'.encode())
        used = {relationship.get("Id") for relationship in rels}
        number = 1
        while f"rId{number}" in used:
            number += 1
        relationship = etree.SubElement(rels, f"{{{_RELATIONSHIPS_NS}}}Relationship")
        relationship.set("Id", f"rId{number}")
        relationship.set("Type", relationship_type)
        relationship.set("Target", posixpath.relpath(name, posixpath.dirname(source_part)))
        self.write(rels_name, _serialise(rels))
        types = etree.fromstring(self.read(CONTENT_TYPES))
        override = etree.SubElement(types, f"{{{_CONTENT_TYPES_NS}}}Override")
        override.set("PartName", "/" + name)
        override.set("ContentType", content_type)
        self.write(CONTENT_TYPES, _serialise(types))


def relationships_name(part: str) -> str:
    """'word/_rels/document.xml.rels' for 'word/document.xml'."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _serialise(root: _Element) -> bytes:
    from lxml import etree

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
