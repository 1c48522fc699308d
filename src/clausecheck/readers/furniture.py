"""Find page furniture (running headers, footers, page numbers) at the top and bottom of PDF pages."""

from __future__ import annotations

import math
import re
from collections import Counter

# How many lines at each edge of a page may be furniture.
EDGE_LINES = 3
# A line is a running header/footer when it repeats (digits aside) at the same edge of this share of pages.
REPEAT_SHARE = 0.4

_DIGITS = re.compile(r"\d+")
PAGE_NUMBER = re.compile(
    r"""^(?:
        (?:page|p\.|pg\.?)?\s*\#(?:\s*(?:of|/)\s*\#)?       # 3   Page 3   Page 3 of 12   3/12
      | [-\u2013\u2014]\s*\#\s*[-\u2013\u2014]                # - 3 -
      | [\[(]\s*\#\s*[\])]                                  # [3]  (3)
      | [ivxlc]{1,6}                                        # roman page numbers in front matter
    )$""",
    re.VERBOSE,
)


def furniture_key(line: str) -> str:
    """The line with digits, case and spacing ignored, so "Page 3 of 12" and "Page 4 of 12" match."""
    # " ".join(split()): every run of white space (str.isspace, as regex \s) one space, none at the ends
    return " ".join(_DIGITS.sub("#", line.lower()).split())


def is_page_number(line: str) -> bool:
    return bool(PAGE_NUMBER.match(furniture_key(line)))


def find_furniture(pages: list[list[str]]) -> list[tuple[int, int]]:
    """For each page, how many of its first and last lines are furniture: (top count, bottom count)."""
    threshold = 2 if len(pages) < 5 else max(2, math.ceil(REPEAT_SHARE * len(pages)))
    keys = [[furniture_key(line) for line in lines] for lines in pages]  # each line's key, once
    top_counts: Counter[str] = Counter()
    bottom_counts: Counter[str] = Counter()
    for page_keys in keys:
        top_counts.update(set(page_keys[:EDGE_LINES]))
        bottom_counts.update(set(page_keys[-EDGE_LINES:]))
    running_top = {key for key, count in top_counts.items() if count >= threshold}
    running_bottom = {key for key, count in bottom_counts.items() if count >= threshold}
    # A page that repeats whole on many pages (a form printed N times, a document whose pages are all
    # alike) tells nothing about headers: its lines are its content, and only page numbers go.
    whole_pages = Counter(tuple(page_keys) for page_keys in keys)

    def is_furniture(key: str, running: set[str]) -> bool:
        return key in running or bool(PAGE_NUMBER.match(key))

    edges = []
    for page_keys in keys:
        if whole_pages[tuple(page_keys)] >= threshold:
            edges.append(_page_number_edges(page_keys))
            continue
        top = 0
        while top < min(EDGE_LINES, len(page_keys)) and is_furniture(page_keys[top], running_top):
            top += 1
        bottom = 0
        while (bottom < EDGE_LINES and top + bottom < len(page_keys)
               and is_furniture(page_keys[-1 - bottom], running_bottom)):
            bottom += 1
        edges.append((top, bottom))
    return edges


def _page_number_edges(keys: list[str]) -> tuple[int, int]:
    """Of a page's line keys (`furniture_key`), whether the first and the last are page numbers."""
    top = 1 if keys and PAGE_NUMBER.match(keys[0]) else 0
    bottom = 1 if len(keys) > top and PAGE_NUMBER.match(keys[-1]) else 0
    return top, bottom
