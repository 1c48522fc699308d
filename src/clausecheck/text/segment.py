"""Split a document into sentences ("units") and clauses that survive scraped text and PDF line breaks.

A unit is the span the checks look at: normally one sentence. Scraped and extracted texts break
sentences in odd places (a line break or a period where a semicolon was), so a sentence that starts in
lowercase is joined to the one before it.

Two kinds of unit are marked because a reader treats them differently:
- a list item keeps a link to the lead-in that introduces its list ("Provider shall not:" over
  "(a) sell Student Data;"), so that the lead-in's negation and subject reach every item;
- a label (a heading, a run-in title such as "12. Severability.", a table's header row, a recital)
  names a subject or gives background, and never makes a commitment on its own.
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
_CLAUSE_BREAK = re.compile(r";|\bbut\b(?!\s+not\s+limited)|\bhowever\b|\bprovided(?:,)? however\b|\bwhereas\b|"
                           r"\bnotwithstanding\b|\b(?:except|provided|save)\s+that\b", re.IGNORECASE)
MAX_UNIT_CHARS = 1600

# List markers by style: an item with a marker of another style than its list's is a new paragraph
# ("3.2 Prohibited Uses." after "(a) ... (d) ..."), unless its style nests deeper (roman under letters).
_MARKER = re.compile(
    r"^\s*(?:(?P<bullet>[-\u2022\u25aa\u25cf\u25e6\u2043\u00b7*\uf0b7\uf0a7])"
    r"|(?P<decimal>\d{1,3}(?:\.\d{1,3})+\.?)"
    r"|\(?(?P<roman>(?:i{1,3}|iv|vi{0,3}|ix|xi{0,3}))[.)]"
    r"|\(?(?P<letter>[a-zA-Z])[.)]"
    r"|\(?(?P<number>\d{1,3})[.)])\s+",
)
_NESTS_UNDER = {"letter": {"roman", "bullet"}, "number": {"letter", "roman", "bullet"},
                "decimal": {"letter", "roman", "bullet", "number"}, "bullet": {"bullet", "letter", "roman"},
                "roman": {"bullet"}}
# Words that begin a sentence with its own subject: after them an unmarked line is not an item of the
# list above it but a new statement ("Vividly does not share ..." after "Vividly will not: ... Sell PII.").
_SUBJECT_STARTERS = frozenset({"we", "you", "they", "it", "our", "your", "the", "this", "these", "those", "such",
                               "each", "any", "all", "no", "a", "an", "he", "she", "i", "if", "in", "for",
                               "when", "where", "upon", "to", "as", "unless", "except", "notwithstanding"})
_FINITE = frozenset({"shall", "will", "may", "must", "can", "cannot", "does", "do", "is", "are", "was", "were",
                     "has", "have", "agrees", "agree", "should", "would", "might", "uses", "collects",
                     "shares", "provides", "retains", "maintains", "operates", "acts", "processes"})
_LABEL_WORDS = re.compile(r"[^\W\d_][^\W_'\u2019-]*")
_SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the",
                          "to", "with", "without", "our", "your", "its", "their", "&", "vs", "per", "upon"})
MAX_LABEL_WORDS = 10
_CROSS_REFERENCE = re.compile(r"^\W*(?:see|refer\s+to|as\s+(?:set\s+out|described|provided|defined)|per)\b",
                              re.IGNORECASE)
_COMMITMENT = re.compile(r"\d|\b(?:shall|will|must|may|not|never|no|within|days?|hours?|only|prohibited|"
                         r"deleted|destroyed|returned|encrypted)\b", re.IGNORECASE)
_RECITAL = re.compile(r"^\W*(?:whereas|recitals?\b|now,?\s+therefore)", re.IGNORECASE)


_LEAD_IN_ENDS = (":", " -", "\u2013", "\u2014")  # "shall not:", "induce any person -"
MAX_LEAD_IN_CHARS = 300  # of a long lead-in, the end (which holds the verb that governs the list) is kept
MAX_LEAD_IN_DEPTH = 3


@dataclass(frozen=True)
class Unit:
    """One sentence, with tokens and clause boundaries (token indexes).

    A list item is read with the lead-ins above it: `text` and `tokens` begin with them ("Provider shall
    not:" then "(a) sell Student Data;"), and `own_token` is the index of the item's first own token.
    `start` and `end` are the item's own place in the document; every token keeps its document offsets,
    and `local` turns one into an offset into `text`.
    """

    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    clause_starts: tuple[int, ...]  # token index where each clause begins, ascending, first is 0
    block_index: int
    lead_in: int | None = None  # index of the unit that introduces the list this unit is an item of
    label: bool = False  # a heading, title, table header or recital: never evidence on its own
    own_token: int = 0
    pieces: tuple[tuple[int, int, int], ...] = ()  # (offset in text, document offset, length), when a list item
    # Tokens before this index are a label the sentence begins with: the topic cell of a table row
    # ("Breach Notification | Within 72 hours"), which gives the row its subject but is no clause.
    label_end: int = 0

    @property
    def own_text(self) -> str:
        """The sentence itself, without the lead-ins read before it."""
        return self.text[self.pieces[-1][0]:] if self.pieces else self.text

    @property
    def prefix(self) -> str:
        """The lead-ins read before the item ("" for a sentence that is not a list item)."""
        return self.text[:self.pieces[-1][0]].rstrip() if self.pieces else ""

    def document_offset(self, text_offset: int) -> int:
        """The document offset of an offset into `text` (the inverse of `local`)."""
        for piece_offset, start, length in reversed(self.pieces):
            if piece_offset <= text_offset:
                return start + min(text_offset - piece_offset, length)
        return self.start + text_offset

    def local(self, document_offset: int) -> int:
        """The offset into `text` of a document offset inside this unit's text."""
        for text_offset, start, length in reversed(self.pieces):
            if start <= document_offset <= start + length:
                return text_offset + document_offset - start
        return document_offset - self.start

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


@dataclass
class _Span:
    start: int
    end: int
    block_index: int
    line_start: bool  # the sentence begins a line (a list item or paragraph may begin here)
    joins: list[int]


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
        if re.fullmatch(r"\s*(?:\(?[\dA-Za-z]{1,4}[.)]\s*)+", text[begin:stop]):
            continue  # "1." or "1.2" or "(iv)" alone: the marker of what follows
        spans.append((begin, stop))
        begin = stop
        while begin < len(text) and text[begin].isspace():
            begin += 1
    if begin < len(text):
        spans.append((begin, len(text)))
    return spans


def _starts_lowercase(text: str) -> bool:
    """A sentence that starts in lowercase, and not with a list marker, carries on the one before."""
    if _MARKER.match(text):
        return False
    if text.lstrip()[:1] in (",", ";", ")"):
        return True  # ", encourage or induce ...": a line break inside a sentence
    stripped = text.lstrip("\"'([\u201c\u2018 ")
    return bool(stripped) and stripped[0].islower()


def marker_style(text: str) -> str | None:
    """The style of the list marker that begins `text` ("letter", "roman", "number", "decimal",
    "bullet"), or None when it begins with none."""
    match = _MARKER.match(text)
    if not match:
        return None
    return next(name for name, value in match.groupdict().items() if value is not None)


def is_label(text: str) -> bool:
    """A title rather than a statement: a few capitalised words without a verb ("12. Severability.",
    "No Sale of Student Data:", "DATA SECURITY")."""
    text = _MARKER.sub("", text.strip(), count=1).strip()
    if _RECITAL.match(text) or (text.startswith("[") and text.endswith("]")):
        return True  # a recital, or a template's placeholder "[Additional terms for FERPA compliance]"
    if not text or text[-1] in ",;":
        return False
    words = _LABEL_WORDS.findall(text)
    if not words or len(words) > MAX_LABEL_WORDS:
        return False
    if any(word.lower() in _FINITE for word in words):
        return False
    significant = [word for word in words if word.lower() not in _SMALL_WORDS]
    return bool(significant) and all(word[0].isupper() for word in significant)


def _own_subject(text: str) -> bool:
    """Does the sentence start with its own subject ("Vendor shall ...", "We do not ...")?"""
    words = [word.lower() for word in _LABEL_WORDS.findall(_MARKER.sub("", text, count=1)[:80])]
    return bool(words) and (words[0] in _SUBJECT_STARTERS or any(word in _FINITE for word in words[1:3]))


_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def _continues_enumeration(previous: str, current: str) -> bool:
    """"you agree (i) to ... . (ii) to ...": an inline enumeration that a scraper broke at a period."""
    match = re.match(r"\s*\((?P<marker>[ivx]{1,4}|[a-z]|\d{1,2})\)\s", current)
    if not match or previous.rstrip().endswith(":"):
        return False
    marker = match.group("marker")
    if marker in _ROMAN[1:]:
        earlier = _ROMAN[_ROMAN.index(marker) - 1]
    elif marker.isdigit() and int(marker) > 1:
        earlier = str(int(marker) - 1)
    elif len(marker) == 1 and "b" <= marker <= "z":
        earlier = chr(ord(marker) - 1)
    else:
        return False
    position = previous.find(f"({earlier})")
    return position > 0 and bool(previous[:position].strip(" -\u2022*"))  # inline, not the item's own marker


def _spans(document: Document) -> list[_Span]:
    """Sentences, with a lowercase start joined to the sentence before (a broken line in scraped text)."""
    text = document.text
    merged: list[_Span] = []
    in_list = False  # after a lead-in ("by:"), a lowercase line is an item of its list, not a broken line
    for index, block in enumerate(document.blocks):
        cursor = block.start
        for line in block.text.split("\n"):
            for number, (start, end) in enumerate(_sentence_spans(line)):
                if not line[start:end].strip():
                    continue
                begin, stop = cursor + start, cursor + end
                sentence = text[begin:stop]
                if merged:
                    previous = text[merged[-1].start:merged[-1].end]
                    fits = merged[-1].end - merged[-1].start + stop - begin < MAX_UNIT_CHARS
                    joins = (_starts_lowercase(sentence) and not (in_list and number == 0)) \
                        or _continues_enumeration(previous, sentence)
                    if fits and joins and document.blocks[merged[-1].block_index].kind != "heading":
                        merged[-1].joins.append(begin)
                        merged[-1].end = stop
                        continue
                    in_list = previous.rstrip().endswith(":") or (
                        in_list and merged[-1].line_start and not previous.rstrip().endswith((".", "!", "?")))
                merged.append(_Span(begin, stop, index, number == 0, []))
            cursor += len(line) + 1
    return merged


def _lead_ins(document: Document, spans: list[_Span], labels: list[bool]) -> list[int | None]:
    """For each span, the span that introduces the list it is an item of, or None."""
    text = document.text
    result: list[int | None] = [None] * len(spans)
    # The open lists, innermost last: [lead-in span index, its items' marker style, its own marker style].
    open_lists: list[list] = []
    for index, span in enumerate(spans):
        block = document.blocks[span.block_index]
        sentence = text[span.start:span.end]
        style = marker_style(sentence) if span.line_start else None
        if style is None and span.line_start and block.kind == "list_item" and span.start == block.start:
            style = "bullet"  # a reader drops bullet glyphs but keeps the block a list item
        if block.kind in ("heading", "table_header"):
            # "Provider shall NOT:" over "4.1 Commercial Exploitation" and its items: a heading below
            # the lead-in's own section keeps the list open; any other heading ends it.
            while open_lists and not _is_below(block.section,
                                               document.blocks[spans[open_lists[-1][0]].block_index].section):
                open_lists.pop()
        elif open_lists:
            while open_lists:
                lead, list_style, lead_style = open_lists[-1]
                if style is not None:
                    # A lead-in's first marked line is its first item even in the lead-in's own style
                    # (flattened text loses the indent of nested bullets); later, that style is a sibling.
                    if list_style is None or style == list_style or (
                            style != lead_style and style in _NESTS_UNDER.get(list_style, ())):
                        if list_style is None:
                            open_lists[-1][1] = style
                        break
                elif not span.line_start:
                    break  # the next sentence of an item
                elif list_style in (None, "plain") and not _own_subject(sentence) and (
                        not labels[index] or block.kind == "list_item"):
                    open_lists[-1][1] = "plain"
                    break  # an unmarked item of an unmarked list
                # A paragraph of its own, a sibling of the lead-in, or a marker of an enclosing level.
                open_lists.pop()
            if open_lists:
                result[index] = open_lists[-1][0]
        if sentence.rstrip(" \"')]\u201d\u2019").endswith(_LEAD_IN_ENDS) and block.kind != "heading":
            open_lists.append([index, None, style])
    return result


def _topic_cell_tokens(document: Document, span: _Span) -> int:
    """How many tokens the row's first cell holds, when the span is a table row whose first cell is a
    label ("Data Retention | Deleted within 30 days"); else 0."""
    if document.blocks[span.block_index].kind != "table_cell" or span.start != document.blocks[span.block_index].start:
        return 0
    text = document.text[span.start:span.end]
    cell, separator, value = text.partition(" | ")
    words = [word.lower() for word in _LABEL_WORDS.findall(cell)]
    topic = bool(words) and len(words) <= MAX_LABEL_WORDS and not cell.rstrip().endswith(".") and not any(
        word in _FINITE for word in words)
    # "Data Retention | Deleted within 30 days of termination" commits to something under its topic;
    # "Selling student information | See Section 5" only points elsewhere.
    commits = not _CROSS_REFERENCE.match(value) and bool(_COMMITMENT.search(value))
    return len(tokenize(cell)) if separator and topic and not commits else 0


def _is_below(section: tuple[str, ...], parent: tuple[str, ...]) -> bool:
    return len(section) > len(parent) and section[:len(parent)] == parent


# Words one of _CLAUSE_BREAK's alternatives must contain: a piece in ASCII without any of them (in any
# case) has no clause break, and is not searched. (Beyond ASCII, case folding is the regex's business.)
_CLAUSE_WORDS = (";", "but", "however", "provided", "whereas", "notwithstanding", "except", "save")


def _clause_breaks(piece: str) -> list[int]:
    """Where _CLAUSE_BREAK matches in `piece` (offsets into it)."""
    if piece.isascii():
        lowered = piece.lower()
        if not any(word in lowered for word in _CLAUSE_WORDS):
            return []
    return [match.start() for match in _CLAUSE_BREAK.finditer(piece)]


def _read_piece(text: str, start: int, end: int, joins: list[int]) -> tuple[str, list[Token], list[int]]:
    """One part of a unit's text: its text, its tokens, and the indexes (into those tokens) of the
    first token of each clause after the first."""
    piece = normalise_quotes(text[start:end])
    piece_tokens = tokenize(piece, start)
    starts = [token.start for token in piece_tokens]
    breaks = []
    for position in [start + offset for offset in _clause_breaks(piece)] + joins:
        at = bisect.bisect_left(starts, position)  # the first token at or after the boundary
        if 0 < at < len(piece_tokens):
            breaks.append(at)
    return piece, piece_tokens, breaks


def segment(document: Document) -> list[Unit]:
    """Cut the document into units; offsets are into `document.text`."""
    text = document.text
    spans = _spans(document)
    labels = [document.blocks[span.block_index].kind in ("heading", "table_header")
              or (span.line_start and is_label(text[span.start:span.end])) for span in spans]
    lead_ins = _lead_ins(document, spans, labels)
    units = []
    pieces_read: dict[tuple[int, int, tuple[int, ...]], tuple[str, list[Token], list[int]]] = {}
    for span, label, lead_in in zip(spans, labels, lead_ins):
        chain = []
        above = lead_in
        while above is not None and len(chain) < MAX_LEAD_IN_DEPTH:
            chain.insert(0, spans[above])
            above = lead_ins[above]
        parts = [(max(item.start, item.end - MAX_LEAD_IN_CHARS), item.end, item.joins) for item in chain]
        parts.append((span.start, span.end, span.joins))
        pieces, texts, tokens, clause_starts = [], [], [], set()
        cursor = 0
        for start, end, joins in parts:
            key = (start, end, tuple(joins))
            read = pieces_read.get(key)
            if read is None:  # a lead-in is read once, however many items its list has
                read = pieces_read[key] = _read_piece(text, start, end, joins)
            piece, piece_tokens, breaks = read
            clause_starts.add(len(tokens))
            clause_starts.update(len(tokens) + at for at in breaks)
            pieces.append((cursor, start, end - start))
            texts.append(piece)
            tokens.extend(piece_tokens)
            cursor += len(piece) + 1
        own_token = len(tokens) - len(piece_tokens)
        clause_starts.discard(len(tokens))
        units.append(Unit(span.start, span.end, " ".join(texts), tuple(tokens), tuple(sorted(clause_starts | {0})),
                          span.block_index, lead_in, label and not chain, own_token,
                          tuple(pieces) if chain else (), own_token + _topic_cell_tokens(document, span)))
    return units
