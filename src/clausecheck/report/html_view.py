"""What the HTML report shows, worked out from a check run: each document's verdict and counts, its
findings grouped for reading, and each quote placed inside its paragraph with the matched words marked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clausecheck.document import page_list
from clausecheck.findings import CONFLICT, MISSING, PRESENT, REVIEW, DocumentReport, Evidence, Finding
from clausecheck.report.formats import OCR_NOTE, display_path
from clausecheck.report.headlines import PASS_SENTENCE, document_verdict, row_counts, sources_text
from clausecheck.verdict import CheckRun, is_problem

if TYPE_CHECKING:
    from clausecheck.rulebook.model import Provision

# How a finding is shown: its kind (the status, or "waived" / "unaddressed" where that is what matters
# to the reader), then a text label and a symbol, so no status is told by colour alone.
KINDS = {
    CONFLICT: ("Conflict", "✘"),
    MISSING: ("Missing", "✘"),
    REVIEW: ("To review", "?"),
    "waived": ("Waived", "~"),
    "unaddressed": ("Not addressed", "–"),
    PRESENT: ("Present", "✔"),
}
PASS_MEANING = PASS_SENTENCE
VERDICTS = {  # label, symbol, what follows the label
    "pass": ("Pass", "✔", f"— {PASS_MEANING}."),
    "fail": ("Do not sign as is", "✘", "(for a signed contract: send the amendment request)."),
    "known": ("Known findings remain", "≈", "— no new findings, but the findings the baseline records still "
                                            "need the contract amended."),
    "unreadable": ("Could not be read", "⚠\ufe0e", ""),
}
ROLES = {"satisfies": "Clause that meets the provision", "contradicts": "Conflicting clause",
         "weak": "Clause that may bear on it"}
_KIND_ORDER = (CONFLICT, MISSING, REVIEW)

# Characters of the paragraph shown on each side of a quote. It stays below the reach the checks keep
# (checks/base.py, 600), so a context longer than this on one side was clipped by this module or by the
# check, and is shown with an ellipsis; a shorter one ends where the paragraph ends.
CONTEXT_REACH = 240
QUOTE_LIMIT = 900  # a longer quote is shown without its paragraph, cut around the matched words
PRESENT_QUOTE_LIMIT = 260


@dataclass(frozen=True)
class Segment:
    """A run of text in a passage: inside the quoted clause or around it, matched by the rule or not."""

    text: str
    quoted: bool
    matched: bool


@dataclass(frozen=True)
class Passage:
    """A quote in its paragraph, with where it stands in the contract."""

    segments: tuple[Segment, ...]
    clipped_before: bool
    clipped_after: bool
    role: str
    place: str


@dataclass(frozen=True)
class FindingView:
    anchor: str
    provision: str
    title: str
    kind: str
    label: str
    symbol: str
    status_label: str  # the status under a waiver, e.g. "Missing"
    fails: bool
    severity: str
    required: bool
    sources: str  # "Statute and board policy", or "" until the rulebook says
    citation: str
    looked_for: str  # for a missing provision: what the rulebook looks for
    reason: str
    passages: tuple[Passage, ...]
    amendment: str
    waived: str | None
    baseline: str | None = None  # the baseline file that records the finding as known


@dataclass(frozen=True)
class DocumentView:
    anchor: str
    path: str
    verdict: str  # pass | fail | known | unreadable
    verdict_label: str
    verdict_symbol: str
    verdict_note: str
    error: str | None
    conflict: int
    missing: int
    review: int
    waived: int
    present: int
    meta: str  # "10 pages · pdf · SHA-256 1a2b3c4d5e6f"
    warnings: tuple[str, ...]
    ocr: str  # "pages 1-3, 7": the pages read by OCR, whose quotes must be checked against the page; or ""
    to_act_on: tuple[FindingView, ...]
    waived_findings: tuple[FindingView, ...]
    unaddressed: tuple[FindingView, ...]
    present_findings: tuple[FindingView, ...]

    @property
    def has(self) -> str:
        """The statuses this document has at least one of, for the index's filter."""
        counts = {"conflict": self.conflict, "missing": self.missing, "review": self.review, "waived": self.waived}
        return " ".join(name for name, count in counts.items() if count)


def document_views(run: CheckRun) -> list[DocumentView]:
    provisions = {provision.id: provision for rulebook in reversed(run.rulebooks) for provision in rulebook.provisions}
    return [_document_view(report, number, run, provisions) for number, report in enumerate(run.reports, 1)]


def _document_view(report: DocumentReport, number: int, run: CheckRun, provisions: dict) -> DocumentView:
    anchor = f"d{number}"
    verdict = document_verdict(report, run.fail_on).kind
    if verdict == "pass-waived":
        verdict = "pass"
    label, symbol, note = VERDICTS[verdict]
    findings = [_finding_view(finding, anchor, run, provisions.get(finding.provision), report.ocr_pages)
                for finding in report.findings]
    order = {kind: rank for rank, kind in enumerate(_KIND_ORDER)}
    waived = sum(1 for finding in report.findings if finding.waived and is_problem(finding))
    if verdict == "pass" and waived:
        note += f" {waived} accepted deviation{'s are' if waived > 1 else ' is'} marked waived."
    counts = row_counts(report, run.fail_on)
    parts = [f"{report.pages} page{'s' if report.pages != 1 else ''}" if report.pages else "",
             report.format or "", f"SHA-256 {report.sha256[:12]}" if report.sha256 else ""]
    return DocumentView(
        anchor=anchor, path=display_path(report.path), verdict=verdict, verdict_label=label, verdict_symbol=symbol,
        verdict_note=note, error=report.error,
        conflict=counts[CONFLICT] + _known(report, CONFLICT), missing=counts[MISSING] + _known(report, MISSING),
        review=counts[REVIEW] + _known(report, REVIEW), waived=counts["waived"],
        present=sum(finding.status == PRESENT for finding in report.findings),
        meta=" · ".join(part for part in parts if part), warnings=report.warnings,
        ocr=page_list(report.ocr_pages) if report.ocr_pages else "",
        to_act_on=tuple(sorted((view for view in findings if view.kind in order), key=lambda view: order[view.kind])),
        waived_findings=tuple(view for view in findings if view.kind == "waived"),
        unaddressed=tuple(view for view in findings if view.kind == "unaddressed"),
        present_findings=tuple(view for view in findings if view.kind == PRESENT))


def _known(report: DocumentReport, status: str) -> int:
    """Findings of this status the baseline records as known: still to act on, so still counted."""
    return sum(1 for finding in report.findings
               if finding.baseline and not finding.waived and is_problem(finding) and finding.status == status)


def _kind(finding: Finding) -> str:
    if finding.status == PRESENT:
        return PRESENT
    if not is_problem(finding):
        return "unaddressed"
    return "waived" if finding.waived else finding.status


def _finding_view(finding: Finding, document_anchor: str, run: CheckRun, provision: Provision | None,
                  ocr_pages: tuple[int, ...] = ()) -> FindingView:
    kind = _kind(finding)
    label, symbol = KINDS[kind]
    description = getattr(provision, "description", "") or ""
    looked_for = (description or f"A clause providing that: {finding.title[:1].lower()}{finding.title[1:]}."
                  if finding.status == MISSING else "")
    if kind == PRESENT:
        passages = tuple(passage(item, PRESENT_QUOTE_LIMIT, with_context=False, ocr_pages=ocr_pages)
                         for item in finding.evidence[:1])
    else:
        passages = tuple(passage(item, ocr_pages=ocr_pages) for item in finding.evidence[:3])
    return FindingView(
        anchor=f"{document_anchor}-{re.sub(r'[^A-Za-z0-9_-]', '-', finding.provision)}",
        provision=finding.provision, title=finding.title, kind=kind, label=label, symbol=symbol,
        status_label=KINDS[finding.status][0] if finding.status in KINDS else finding.status,
        fails=run.failing(finding), severity=finding.severity, required=finding.required,
        sources=_sources(finding.required_by), citation=finding.citation or getattr(provision, "citation", ""),
        looked_for=looked_for, reason=finding.reason, passages=passages, amendment=finding.amendment,
        waived=finding.waived, baseline=finding.baseline)


def _sources(required_by: tuple[str, ...]) -> str:
    text = sources_text(required_by)
    return text[:1].upper() + text[1:]


def _place(item: Evidence, ocr_pages: tuple[int, ...] = ()) -> str:
    parts = [f"page {item.page}" if item.page is not None else "",
             f"line {item.line}" if item.line is not None else "",
             f"§ {item.section}" if item.section else "",
             OCR_NOTE if item.page is not None and item.page in ocr_pages else ""]
    return ", ".join(part for part in parts if part)


def passage(item: Evidence, limit: int = QUOTE_LIMIT, with_context: bool = True,
            ocr_pages: tuple[int, ...] = ()) -> Passage:
    """The quote inside its paragraph (up to CONTEXT_REACH characters each side), cut to word boundaries,
    with the matched words marked. Offsets outside the paragraph are ignored; without a usable paragraph
    the quote alone is shown. A quote on a page read by OCR (`ocr_pages`) says to check it against the page."""
    text, base = item.context, item.context_start
    quote_start, quote_end = item.start - base, item.end - base
    if not text or quote_start < 0 or quote_end > len(text) or quote_start >= quote_end:
        text, base = item.quote, item.start
        quote_start, quote_end = 0, len(text)
    marks = [(max(start - base, quote_start), min(end - base, quote_end)) for start, end in item.highlights]
    marks = [(start, end) for start, end in marks if start < end]
    if quote_end - quote_start > limit or not with_context:
        # The quote alone, cut to `limit` characters around the first matched words when it is longer.
        centre = marks[0] if marks else (quote_start, quote_start)
        start = max(quote_start, min(centre[0] - limit // 3, quote_end - limit))
        window = _snap_to_words(text, (start, min(quote_end, start + limit)), centre)
    else:
        window = _snap_to_words(text, (max(0, quote_start - CONTEXT_REACH), min(len(text), quote_end + CONTEXT_REACH)),
                                (quote_start, quote_end))
    edges = {window[0], window[1], quote_start, quote_end, *(edge for mark in marks for edge in mark)}
    cuts = sorted(edge for edge in edges if window[0] <= edge <= window[1])
    segments = []
    for start, end in zip(cuts, cuts[1:]):
        quoted = quote_start <= start and end <= quote_end
        matched = any(mark_start <= start and end <= mark_end for mark_start, mark_end in marks)
        piece = text[start:end]
        if segments and segments[-1].quoted == quoted and segments[-1].matched == matched:
            segments[-1] = Segment(segments[-1].text + piece, quoted, matched)
        elif piece:
            segments.append(Segment(piece, quoted, matched))
    return Passage(tuple(segments), clipped_before=window[0] > 0, clipped_after=window[1] < len(text),
                   role=ROLES.get(item.role, item.role), place=_place(item, ocr_pages))


def _snap_to_words(text: str, window: tuple[int, int], keep: tuple[int, int]) -> tuple[int, int]:
    """Move the window's ends inwards to a space so that no word is cut, never into the `keep` span."""
    start, end = window
    if 0 < start < keep[0] and not text[start - 1].isspace():
        space = _SPACE.search(text, start, keep[0])
        start = space.end() if space else start
    if keep[1] < end < len(text) and not text[end].isspace():
        spaces = list(_SPACE.finditer(text, keep[1], end))
        end = spaces[-1].start() if spaces else end
    return start, end


_SPACE = re.compile(r"\s+")
