"""Split a document into sentences ("units") and clauses that survive scraped text and PDF line breaks.

A unit is the span the checks look at: normally one sentence. Scraped and extracted texts break
sentences in odd places (a line break or a period where a semicolon was), so a sentence that starts in
lowercase is joined to the one before it, and a list that follows a lead-in ending with a colon
("We will never:") is kept with its lead-in so that the negation reaches every item.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from clausecheck.document import Document
from clausecheck.text.tokens import Token, normalise_quotes, tokenize

_ABBREVIATIONS = {
    "e.g", "i.e", "etc", "inc", "ltd", "llc", "co", "corp", "no", "nos", "sec", "secs", "art", "u.s",
    "u.s.c", "usc", "c.f.r", "cfr", "st", "mr", "mrs", "ms", "dr", "vs", "v", "para", "paras", "cf",
    "approx", "dept", "est", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "seq", "al", "ch", "subd", "subsec", "pp", "p",
}
_SENTENCE_END = re.compile(r"[.!?][\"')\]\u201d\u2019]*(?=\s+[\"'(\[\u201c\u2018]?[A-Z0-9(])")
_CLAUSE_BREAK = re.compile(r";|\bbut\b|\bhowever\b|\bprovided(?:,)? however\b|\bwhereas\b|\bnotwithstanding\b|"
                           r"\b(?:except|provided|save)\s+that\b", re.IGNORECASE)
_LIST_MARKER = re.compile(r"^\s*(?:\(?[a-z0-9]{1,4}[.)]|[-•*\u2022\u25cf\u25aa])\s+", re.IGNORECASE)
MAX_UNIT_CHARS = 1600


@dataclass(frozen=True)
class Unit:
    """One sentence (or a lead-in with its list), with tokens and clause boundaries (token indexes)."""

    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    clause_starts: tuple[int, ...]  # token index where each clause begins, ascending, first is 0
    block_index: int
    lead_in_end: int = 0  # tokens before this index are a lead-in ("We will never:") shared by the list

    def clause_of(self, token_index: int) -> tuple[int, int]:
        """The [start, end) token range of the clause holding `token_index`."""
        start, end = 0, len(self.tokens)
        for boundary in self.clause_starts:
            if boundary <= token_index:
                start = boundary
            else:
                end = boundary
                break
        return start, end


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    begin = 0
    for match in _SENTENCE_END.finditer(text):
        stop = match.end()
        word = re.search(r"([A-Za-z.]+)[.!?]?$", text[begin:match.start() + 1])
        if word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS:
            continue
        if word and len(word.group(1).rstrip(".")) == 1 and text[match.start()] == ".":
            continue  # an initial such as "J." or a list marker "a."
        spans.append((begin, stop))
        begin = stop
        while begin < len(text) and text[begin].isspace():
            begin += 1
    if begin < len(text):
        spans.append((begin, len(text)))
    return spans


def _starts_lowercase(text: str) -> bool:
    stripped = _LIST_MARKER.sub("", text, count=1) if text[:1] in "-•*\u2022" else text
    stripped = stripped.lstrip("\"'([\u201c\u2018 ")
    return bool(stripped) and stripped[0].islower()


def segment(document: Document) -> list[Unit]:
    """Cut the document into units; offsets are into `document.text`."""
    raw: list[tuple[int, int, int]] = []  # start, end, block index
    for index, block in enumerate(document.blocks):
        lines = block.text.split("\n")
        cursor = block.start
        for line in lines:
            for start, end in _sentence_spans(line):
                if line[start:end].strip():
                    raw.append((cursor + start, cursor + end, index))
            cursor += len(line) + 1
    merged: list[list] = []  # start, end, block index, join offsets, lead-in end offset
    text = document.text
    for start, end, block_index in raw:
        if merged:
            previous = merged[-1]
            previous_text = text[previous[0]:previous[1]].rstrip()
            current = text[start:end]
            joinable = previous[1] - previous[0] + (end - start) < MAX_UNIT_CHARS
            lowercase = _starts_lowercase(current)
            lead_in = previous_text.endswith(":") or (previous[4] is not None and previous[3] and not lowercase
                                                      and (_LIST_MARKER.match(current) is not None
                                                           or document.blocks[block_index].kind == "list_item"))
            if joinable and (lowercase or lead_in):
                if previous_text.endswith(":") and previous[4] is None:
                    previous[4] = previous[1]
                previous[3].append(start)
                previous[1] = end
                continue
        merged.append([start, end, block_index, [], None])
    units = []
    for start, end, block_index, joins, lead_in_offset in merged:
        piece = normalise_quotes(text[start:end])
        tokens = tuple(tokenize(piece, start))
        token_starts = [token.start for token in tokens]
        boundaries = [start + match.start() for match in _CLAUSE_BREAK.finditer(piece)] + joins
        clause_starts = {0}
        for position in boundaries:
            index = bisect.bisect_left(token_starts, position)  # the first token at or after the boundary
            if 0 < index < len(tokens):
                clause_starts.add(index)
        lead_in_end = 0
        if lead_in_offset is not None:
            index = bisect.bisect_left(token_starts, lead_in_offset)
            lead_in_end = index if index < len(tokens) else 0
        units.append(Unit(start, end, piece, tokens, tuple(sorted(clause_starts)), block_index, lead_in_end))
    return units
