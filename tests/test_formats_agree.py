"""The same contract gets the same verdicts whatever its format: each bundled sample as DOCX, as the PDF
LibreOffice prints from it, as the plain text LibreOffice saves from it and as Markdown, through the real
command line.

samples/vendor-terms.txt has no markup source; its headings in capitals, bullets and wrapped paragraphs
are turned into the samples' markup and rendered the same way, and the original text file stands for
its plain-text format.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import pytest

from conftest import REPO
from rendering import FORMATS, check_rendered, findings_of, markup_of_plain_text, render_contracts

# sample -> its markup; vendor-terms.txt has none of its own
SAMPLES = {
    "vendor-agreement": (REPO / "samples" / "source" / "vendor-agreement.md").read_text(encoding="utf-8"),
    "ct-data-privacy-agreement":
        (REPO / "samples" / "source" / "ct-data-privacy-agreement.md").read_text(encoding="utf-8"),
    "vendor-terms": markup_of_plain_text((REPO / "samples" / "vendor-terms.txt").read_text(encoding="utf-8")),
}
# the running headers the samples' .docx files carry (samples/build_samples.py)
HEADERS = {"vendor-agreement": "BrightPath Learning \u2014 Master Subscription Agreement",
           "ct-data-privacy-agreement": "Millbrook Board of Education \u2014 Contract No. 2025-117"}
PROVISIONS = 15  # of the bundled Connecticut rulebook
SAME_CLAUSE_WORDS = 8


@pytest.fixture(scope="session")
def reports(tmp_path_factory, soffice) -> dict[str, dict[str, dict]]:
    """Every sample in every format, checked by one run of the command line: {sample: {format: report}}.
    The vendor terms' own text file stands for their plain-text format."""
    rendered = render_contracts(SAMPLES, tmp_path_factory.mktemp("formats"), headers=HEADERS)
    original = rendered["vendor-terms"]["text"]
    original.write_bytes((REPO / "samples" / "vendor-terms.txt").read_bytes())
    return check_rendered(rendered)


def verdicts(document: dict) -> dict[str, str]:
    return {provision: finding["status"] for provision, finding in findings_of(document).items()}


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_rendering_is_read_as_the_format_it_is(reports, sample):
    for kind in FORMATS:
        document = reports[sample][kind]
        assert document["error"] is None, (kind, document["error"])
        assert document["format"] == kind, (kind, document["format"])
        assert len(document["findings"]) == PROVISIONS


@pytest.mark.parametrize("sample", SAMPLES)
def test_a_sample_gets_the_same_verdict_for_every_provision_as_pdf_docx_text_and_markdown(reports, sample):
    by_format = {kind: verdicts(reports[sample][kind]) for kind in FORMATS}
    differing = {provision: {kind: by_format[kind][provision] for kind in FORMATS}
                 for provision in by_format["docx"]
                 if len({by_format[kind][provision] for kind in FORMATS}) > 1}
    assert differing == {}


def test_the_compliant_agreement_is_compliant_in_every_format(reports):
    for kind in FORMATS:
        assert set(verdicts(reports["ct-data-privacy-agreement"][kind]).values()) == {"present"}, kind


@pytest.mark.parametrize("sample", ["vendor-agreement", "vendor-terms"])
def test_the_vendors_other_state_law_is_a_conflict_quoting_the_same_clause_in_every_format(reports, sample):
    quotes = set()
    for kind in FORMATS:
        finding = findings_of(reports[sample][kind])["connecticut-law"]
        assert finding["status"] == "conflict", kind
        quotes.add(" ".join(finding["evidence"][0]["quote"].split()))
    assert len(quotes) == 1, quotes


def same_clause(first: str, second: str) -> bool:
    """Two quotes of one clause share a long run of words, whatever list marker or line breaks each has."""
    words = [re.findall(r"[a-z0-9]+", quote.lower()) for quote in (first, second)]
    run = min(SAME_CLAUSE_WORDS, *map(len, words))
    match = SequenceMatcher(None, *words, autojunk=False).find_longest_match()
    return run > 0 and match.size >= run


@pytest.mark.parametrize("sample", [
    "vendor-agreement", "vendor-terms",
    "ct-data-privacy-agreement",
])
def test_a_verdict_quotes_the_same_clause_in_every_format(reports, sample):
    different = {}
    for provision, finding in findings_of(reports[sample]["docx"]).items():
        if not finding["evidence"]:
            continue
        quote = finding["evidence"][0]["quote"]
        for kind in FORMATS[1:]:
            other = findings_of(reports[sample][kind])[provision]["evidence"][0]["quote"]
            if not same_clause(quote, other):
                different[(provision, kind)] = (quote[:100], other[:100])
    assert different == {}
