"""Where each block of a text or Markdown file stands in the file: its words aligned with the file's
words once, at reading, so a quote's lines are known without opening the file again (SARIF regions,
GitHub annotations, the JSON report's `line` and `end_line`).

The reader's blocks hold the file's words in the file's order, less the markup (list markers, `#`,
`|`, `**`) and with line breaks joined; a word split by a line-end hyphen is one word in the block. The
alignment walks both word sequences once and resynchronises after a word it cannot match.
"""

from __future__ import annotations

import re
from dataclasses import replace

from clausecheck.document import Block, Document

_WORD = re.compile(r"[^\W_]+")
RESYNC_REACH = 40  # file words searched ahead for a block word that did not match the next one


def with_source_lines(document: Document, source: str) -> Document:
    """The document with each block's line map: (offset in the block's text, line of the file) at the
    block's start and wherever the file's line changes within it."""
    words: list[str] = []
    lines: list[int] = []
    for number, line in enumerate(source.splitlines(), 1):
        for match in _WORD.finditer(line):
            words.append(match.group().lower())
            lines.append(number)
    position = 0
    blocks = []
    for block in document.blocks:
        mapping: list[tuple[int, int]] = []
        for match in _WORD.finditer(block.text):
            word = match.group().lower()
            found = _find(words, word, position)
            if found is None:
                continue
            position = found + 1
            if not mapping or mapping[-1][1] != lines[found]:
                mapping.append((match.start(), lines[found]))
        blocks.append(replace(block, lines=tuple(mapping)))
    return replace(document, blocks=tuple(blocks))


def _find(words: list[str], word: str, position: int) -> int | None:
    """Where `word` next stands in the file's words from `position` (a word the reader joined across a
    line-end hyphen stands as its first part)."""
    for index in range(position, min(len(words), position + RESYNC_REACH)):
        if words[index] == word or (len(words[index]) >= 2 and word.startswith(words[index])
                                    and index + 1 < len(words) and word == words[index] + words[index + 1]):
            return index
    return None


def block_line(block: Block, offset: int) -> int | None:
    """The file line of the character at `offset` into the block's text, when the block has a map."""
    line = None
    for start, number in block.lines:
        if start > offset:
            break
        line = number
    return line
