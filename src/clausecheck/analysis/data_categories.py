"""The student data a contract covers, as the contract lists it: a data schedule or exhibit (a table or a
list under a heading like "Exhibit A. Student Data Collected"), a "collects the following ...:" list, or
the examples in the definition of student data ("... including names, grade levels and ...").

The parent notice must say what student information the contract covers; these are the contract's own
words, offered when the user gives no --data, and the command says where it found them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clausecheck.document import Block, Document

_SCHEDULE_HEADING = re.compile(
    r"\b(?:(?:student\s+)?(?:data|information|records)\s+(?:collected|elements?|categories|inventory|fields)|"
    r"schedule\s+of\s+(?:student\s+)?data|categories\s+of\s+(?:student\s+)?(?:data|information|personal)|"
    r"(?:data|information)\s+(?:we|provider|contractor|vendor|company)\s+collects?|types\s+of\s+(?:student\s+)?"
    r"(?:data|information))\b", re.IGNORECASE)
_HEADER_WORDS = frozenset({"category", "categories", "data", "element", "elements", "type", "types", "examples",
                           "example", "description", "source", "sources", "purpose", "purposes", "use", "uses",
                           "field", "fields", "collected", "used", "by", "your", "system", "check", "if",
                           "retention", "details", "of", "information", "student", "name", "item", "items"})
_EXAMPLE_HEADER = re.compile(r"\b(?:examples?|description|elements?|details|fields?)\b", re.IGNORECASE)
_COLLECTS_LIST = re.compile(
    r"\b(?:collects?|collected|receives?|process(?:es)?|access(?:es)?|obtains?|maintains?|will\s+collect|"
    r"may\s+collect)\s+(?:only\s+)?(?:the\s+following|these)\s+[\w\s-]{0,60}?:\s*(?P<list>[^:]{3,600})",
    re.IGNORECASE)
_DEFINITION_LIST = re.compile(
    r"[\"\u201c]\s*(?:student|pupil)\s+(?:data|information|records|personal\s+information)"
    r"\s*[\"\u201d]\s+(?:means|refers\s+to|includes)\b[^.]*?\bincluding(?:,?\s+but\s+not\s+limited\s+to,?)?"
    r"\s+(?P<list>[^.]{3,600})", re.IGNORECASE)
_BROADER_DEFINITION_LIST = re.compile(
    _DEFINITION_LIST.pattern.replace("(?:student|pupil)", "(?:district|customer|school)"), re.IGNORECASE)


@dataclass(frozen=True)
class DataCategories:
    categories: tuple[str, ...]
    source: str  # where they were found, for the user to check: "Exhibit A. Student Data Collected"


def find_data_categories(document: Document) -> DataCategories | None:
    """The categories of student data the contract lists, or None when it lists none clausecheck can read."""
    return _from_schedule(document) or _from_sentence(document)


def _from_schedule(document: Document) -> DataCategories | None:
    sections: dict[tuple[str, ...], list[Block]] = {}
    for block in document.blocks:
        if block.kind == "heading" or not block.section:
            continue
        if _SCHEDULE_HEADING.search(block.section[-1]):
            sections.setdefault(block.section, []).append(block)
    for section, blocks in sections.items():
        rows = [[_clean(cell) for cell in block.text.split(" | ")] for block in blocks
                if block.kind in ("table_header", "table_cell")]
        categories = _table_categories(rows) if rows else []
        if not categories:
            items = [block for block in blocks if block.kind == "list_item"]
            categories = [_clean(_unnumbered(item.text)) for item in items]
        if not categories:
            for block in blocks:
                match = re.search(r":\s*(?P<list>.{3,600})$", block.text, re.DOTALL)
                if match:
                    categories = split_list(match.group("list"))
                    break
        categories = [category for category in _unique(categories) if 1 < len(category) <= 160]
        if categories:
            return DataCategories(tuple(categories), section[-1])
    return None


def _table_categories(rows: list[list[str]]) -> list[str]:
    """Categories from a table read row by row: the first column names the category, and an "Examples"
    column of the header row (short cells of header words) adds detail."""
    header = rows[0] if rows else []
    if not all(_is_header_word_cell(cell) for cell in header):
        header = []
    example_column = next((index for index, name in enumerate(header) if index and _EXAMPLE_HEADER.search(name)),
                          None)
    categories = []
    for row in rows[1:] if header else rows:
        if not row or not row[0]:
            continue
        detail = row[example_column] if example_column is not None and example_column < len(row) else ""
        categories.append(f"{row[0]} ({detail[0].lower() + detail[1:]})" if detail else row[0])
    return categories


def _is_header_word_cell(cell: str) -> bool:
    words = re.findall(r"[a-z]+", cell.lower())
    return bool(words) and len(words) <= 4 and set(words) <= _HEADER_WORDS


def _from_sentence(document: Document) -> DataCategories | None:
    for pattern, source in ((_COLLECTS_LIST, "a list of the data collected"),
                            (_DEFINITION_LIST, "the definition of student data"),
                            (_BROADER_DEFINITION_LIST, "the definition of the data the contract covers")):
        for block in document.blocks:
            text = " ".join(block.text.split())
            match = pattern.search(text)
            if match:
                categories = [category for category in _unique(split_list(match.group("list")))
                              if 1 < len(category) <= 160]
                if categories:
                    where = f"{source} ({' > '.join(block.section)})" if block.section else source
                    return DataCategories(tuple(categories), where)
    return None


def split_list(text: str) -> list[str]:
    """'names, student ID numbers, grade levels and written work.' -> the four items."""
    text = re.split(r"(?<=[a-z)])\.\s", " ".join(text.split()) + " ")[0].strip().rstrip(".;")
    separator = ";" if ";" in text else ","
    parts = [part.strip() for part in text.split(separator)]
    if parts:
        last = re.split(r"\s+(?:and|or|and/or)\s+", parts[-1])
        if separator == "," or len(last) == 2:
            parts[-1:] = last
    items = []
    for part in parts:
        part = re.sub(r"^(?:and|or|and/or)\s+", "", part).strip(" .;:")
        part = re.sub(r"\s+(?:entered\s+into|submitted\s+to|provided\s+to|in)\s+the\s+(?:services?|platform)$",
                      "", part, flags=re.IGNORECASE)
        if part and part.lower() not in ("etc", "etc."):
            items.append(part)
    return items


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" .;")


def _unnumbered(text: str) -> str:
    return re.sub(r"^\s*(?:\(?[0-9a-z]{1,3}[.)]|[-\u2022*])\s+", "", text)


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for item in items:
        key = item.lower()
        if key not in seen:
            seen.add(key)
            result.append(item)
    return result
