"""The HTML report through the real CLI, read as markup: one self-contained page under a strict
Content-Security-Policy, every provision with its status, source, quote in context and amendment,
contract text always escaped, and a batch index. tests/test_report_html_browser.py opens it in Chromium."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from clausecheck.findings import Evidence
from clausecheck.report.html import render
from clausecheck.report.html_view import CONTEXT_REACH, passage
from clausecheck.rulebook import load_rulebook
from clausecheck.runner import check_file
from clausecheck.verdict import CheckRun
from contract_folder import ONERROR_MARKUP, SCRIPT_MARKUP, hostile_contract
from test_batch import contract, run_cli

pytestmark = pytest.mark.usefixtures("isolated")

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
PROVISIONS = [provision.id for provision in load_rulebook(None).provisions]


class Element:
    def __init__(self, tag: str, attributes: dict[str, str | None], parent: Element | None) -> None:
        self.tag, self.attributes, self.parent, self.children, self.parts = tag, attributes, parent, [], []

    @property
    def text(self) -> str:
        return "".join(part if isinstance(part, str) else part.text for part in self.parts)

    def find_all(self, tag: str | None = None, **attributes: str) -> list[Element]:
        found = []
        for child in self.children:
            if (tag is None or child.tag == tag) and all(
                    re.search(rf"(^|\s){re.escape(value)}(\s|$)", child.attributes.get(name.rstrip("_")) or "")
                    for name, value in attributes.items()):
                found.append(child)
            found.extend(child.find_all(tag, **attributes))
        return found

    def by_id(self, identifier: str) -> Element:
        [element] = [element for element in self.find_all() if element.attributes.get("id") == identifier]
        return element


class Page(HTMLParser):
    """The report parsed into a tree of elements, as a browser would build it (enough for these tests)."""

    VOID = {"meta", "input", "br", "img", "link", "hr"}

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.markup = markup
        self.root = Element("#document", {}, None)
        self.current = self.root
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        element = Element(tag, dict(attrs), self.current)
        self.current.children.append(element)
        self.current.parts.append(element)
        if tag not in self.VOID:
            self.current = element

    def handle_endtag(self, tag: str) -> None:
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.parts.append(data)

    def find_all(self, tag: str | None = None, **attributes: str) -> list[Element]:
        return self.root.find_all(tag, **attributes)

    def by_id(self, identifier: str) -> Element:
        return self.root.by_id(identifier)


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def facts(finding: Element) -> dict[str, str]:
    """A finding's facts: "Citation" -> its text, "Looked for" -> ..."""
    return dict(zip((dt.text for dt in finding.find_all("dt")), (dd.text for dd in finding.find_all("dd"))))


def html_report(capsys, *arguments: str) -> tuple[int, Page]:
    result = run_cli(capsys, *arguments, "--format", "html")
    return result.exit_code, Page(result.stdout)


def test_the_report_is_one_page_that_loads_nothing_and_allows_only_its_own_style_and_script(
        isolated: Path, capsys) -> None:
    (isolated / "lacking.txt").write_text(contract(missing=("severability",)))
    code, page = html_report(capsys, "lacking.txt")
    assert code == 1
    assert page.markup.startswith("<!DOCTYPE html>")
    [html] = page.find_all("html")
    assert html.attributes["lang"] == "en"
    [style], [script] = page.find_all("style"), page.find_all("script")
    assert "src" not in script.attributes
    [policy] = [meta.attributes["content"] for meta in page.find_all("meta")
                if meta.attributes.get("http-equiv") == "Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["style-src"] == sha256_source(style.text)
    assert directives["script-src"] == sha256_source(script.text)
    for element in page.find_all():
        for name, value in element.attributes.items():
            assert not name.startswith("on"), element.tag
            if name in ("href", "src", "action", "srcset", "poster", "data"):
                assert value.startswith("#"), f"<{element.tag} {name}={value}>"
    assert "://" not in style.text + script.text and "url(" not in style.text and "@import" not in style.text
    assert {landmark.tag for landmark in page.find_all() if landmark.tag in ("header", "main", "footer")} == \
           {"header", "main", "footer"}
    assert run_cli(capsys, "lacking.txt", "--format", "html").stdout == page.markup  # no clock in the report


def test_a_single_contract_leads_with_its_verdict_and_lists_every_provision(capsys) -> None:
    code, page = html_report(capsys, str(SAMPLES / "vendor-agreement.pdf"))
    assert code == 1
    [document] = page.find_all("section", class_="document")
    verdict = document.find_all("p", class_="verdict")[0]
    assert verdict.text.split() == "✘ Do not sign as is (for a signed contract: send the amendment request).".split()
    assert document.find_all()[1] is verdict  # right after the document's heading
    assert "5 in conflict · 5 missing · 0 to review · 0 waived · 4 present" in document.text
    shown = [code.text for code in document.find_all("code")]
    assert sorted(shown) == sorted(PROVISIONS)
    law = page.by_id("d1-connecticut-law")
    assert law.find_all("span", class_="badge")[0].text == "✘ Conflict"
    assert "Conn. Gen. Stat. § 10-234bb(a)(9)" in law.text and "the law of California governs" in law.text
    [figure] = law.find_all("figure")
    assert figure.find_all("figcaption")[0].text == ("Conflicting clause, page 8, § 13. Governing Law and Disputes "
                                                     "> 13.1 Governing Law")
    quoted = "".join(part.text for part in figure.find_all(class_="q"))
    assert quoted == "This Agreement shall be governed by the laws of the State of California, without regard to " \
                     "its conflict of laws principles."
    assert all(mark.text in quoted for mark in figure.find_all("mark")) and figure.find_all("mark")
    [amendment] = [p for p in law.find_all("p") if p.attributes.get("id") == "d1-connecticut-law-a"]
    assert "laws of the State of Connecticut" in amendment.text
    [button] = law.find_all("button", class_="copy")
    assert button.attributes["data-copy"] == "d1-connecticut-law-a" and button.attributes["type"] == "button"
    present = page.find_all("details", class_="present")[0]
    assert "no-sale" in present.text and "Provider shall not sell Student Data" in present.text


def test_a_missing_provision_says_what_was_looked_for_and_offers_its_amendment(isolated: Path, capsys) -> None:
    (isolated / "lacking.txt").write_text(contract(missing=("severability",)))
    _, page = html_report(capsys, "lacking.txt")
    severability = page.by_id("d1-severability")
    assert severability.find_all("span", class_="badge")[0].text == "✘ Missing"
    found = facts(severability)
    assert found["Looked for"] == "A clause providing that: an invalid provision does not affect the others."
    assert found["Required by"] == "Statute and board policy"
    assert "held invalid" in severability.by_id("d1-severability-a").text

    (isolated / "district.yaml").write_text(
        "id: district\nextends: ct-student-data-privacy\noverrides:\n  severability:\n"
        "    description: A clause keeping the rest of the contract in force when one provision is held invalid.\n")
    _, page = html_report(capsys, "lacking.txt", "--rules", "district.yaml")
    assert facts(page.by_id("d1-severability"))["Looked for"] == (
        "A clause keeping the rest of the contract in force when one provision is held invalid.")


def test_the_source_that_requires_a_provision_is_shown_when_the_finding_names_it(isolated: Path) -> None:
    (isolated / "lacking.txt").write_text(contract(missing=("severability", "ferpa-compliance")))
    rulebook = load_rulebook(None)
    report = check_file(isolated / "lacking.txt", [rulebook])
    sources = {"severability": ("statute", "policy"), "ferpa-compliance": ("policy",)}
    report = replace(report, findings=tuple(replace(finding, required_by=sources.get(finding.provision, ()))
                                            for finding in report.findings))
    page = Page(render(CheckRun(reports=(report,), rulebooks=(rulebook,))))
    assert facts(page.by_id("d1-severability"))["Required by"] == "Statute and board policy"
    assert facts(page.by_id("d1-ferpa-compliance"))["Required by"] == "Board policy"


def test_a_waived_finding_shows_the_waiver_and_does_not_fail(isolated: Path, capsys) -> None:
    (isolated / "contracts").mkdir()
    (isolated / "contracts" / "acme.txt").write_text(contract(missing=("student-content-control",)))
    (isolated / "waivers.yaml").write_text(
        "waivers:\n  - document: contracts/acme.txt\n    provision: student-content-control\n"
        "    reason: Acme's master agreement lets families export their work; accepted for the pilot.\n"
        "    approved-by: Board of Education, vote of 2024-05-12\n    expires: 2099-06-30\n"
        "  - document: contracts/acme.txt\n    provision: no-advertising-use\n    reason: Not needed.\n"
        "    approved-by: Board of Education, vote of 2024-05-12\n    expires: 2099-06-30\n")
    code, page = html_report(capsys, "contracts", "--waivers", "waivers.yaml")
    assert code == 0
    [notice] = page.find_all("section", class_="notices")[0].find_all("li")
    assert "the waiver for contracts/acme.txt / no-advertising-use waives nothing" in notice.text
    verdict = page.find_all("p", class_="verdict")[0]
    assert verdict.text.startswith("✔ Pass — no required term found missing and no conflicting clause found: a "
                                   "screening result, not an opinion that the contract complies.")
    assert "1 accepted deviation is marked waived." in verdict.text
    waived = page.by_id("d1-student-content-control")
    assert waived.find_all("span", class_="badge")[0].text == "~ Waived"
    assert "Acme's master agreement lets families export their work; accepted for the pilot." in waived.text
    assert "(status without the waiver: missing)" in waived.text


def test_markup_in_a_contract_and_its_file_name_is_shown_as_text(isolated: Path, capsys) -> None:
    name = "<img src=x onerror=alert(1)>.txt"
    (isolated / name).write_text(hostile_contract(contract(conflict=("connecticut-law",))))
    _, page = html_report(capsys, name)
    assert len(page.find_all("script")) == 1
    assert [element.tag for element in page.find_all() if element.tag == "img"] == []
    assert not [element for element in page.find_all() if any(name.startswith("on") for name in element.attributes)]
    quote = page.by_id("d1-connecticut-law").find_all("blockquote")[0].text
    assert SCRIPT_MARKUP in quote and ONERROR_MARKUP in quote
    assert page.find_all("h2")[0].text == name
    assert "&lt;script&gt;window.pwned" in page.markup


def test_a_batch_starts_with_an_index_linking_each_document_and_its_error(isolated: Path, capsys) -> None:
    (isolated / "contracts").mkdir()
    (isolated / "contracts" / "good.txt").write_text(contract())
    (isolated / "contracts" / "lacking.txt").write_text(contract(missing=("severability", "ferpa-compliance")))
    (isolated / "contracts" / "conflict.txt").write_text(contract(conflict=("connecticut-law",)))
    (isolated / "contracts" / "broken.pdf").write_bytes(b"%PDF-1.7 garbage")
    code, page = html_report(capsys, "contracts")
    assert code == 2
    overview = page.find_all("section", class_="overview")[0]
    assert overview.find_all("h2")[0].text == "⚠\ufe0e 1 of 4 documents could not be read"
    [table] = page.find_all("table")
    assert [th.text for th in table.find_all("thead")[0].find_all("th")] == \
           ["File", "Verdict", "Conflict", "Missing", "To review", "Waived", "Present"]
    rows = {row.find_all("a")[0].text: row for row in table.find_all("tbody")[0].find_all("tr")}
    assert set(rows) == {"contracts/good.txt", "contracts/lacking.txt", "contracts/conflict.txt",
                         "contracts/broken.pdf"}
    for path, row in rows.items():
        section = page.by_id(row.find_all("a")[0].attributes["href"][1:])
        assert section.find_all("h2")[0].text == path

    def cells(path: str) -> list[str]:
        return [cell.text.strip() for cell in rows[path].find_all("td")]

    assert cells("contracts/lacking.txt") == ["✘ Do not sign as is", "0", "2", "0", "0", "13"]
    assert cells("contracts/good.txt") == ["✔ Pass", "0", "0", "0", "0", "15"]
    assert rows["contracts/conflict.txt"].attributes["data-has"] == "conflict"
    broken = cells("contracts/broken.pdf")
    assert broken[0].startswith("⚠\ufe0e Could not be read") and "not a valid PDF" in broken[0]
    assert broken[1] == "not checked"


BEFORE, QUOTE, AFTER = "Some words come first. ", "Then the Provider shall delete data.", " More words follow."
QUOTE_AT = 100  # document offset of the quote
PROVIDER = (QUOTE_AT + QUOTE.index("Provider"), QUOTE_AT + QUOTE.index(" shall"))


@pytest.mark.parametrize(("highlights", "marked"), [
    ((PROVIDER,), ["Provider"]),
    (((QUOTE_AT - 6, PROVIDER[1]),), ["Then the Provider"]),  # starts before the quote: clipped to it
    (((500, 520), (-40, -10)), []),                              # outside the paragraph: ignored
])
def test_a_quote_is_shown_in_its_paragraph_with_only_matched_words_inside_it_marked(highlights, marked) -> None:
    evidence = Evidence(quote=QUOTE, page=2, section="9. Data", start=QUOTE_AT, end=QUOTE_AT + len(QUOTE), score=1.0,
                        role="contradicts", context=BEFORE + QUOTE + AFTER, context_start=QUOTE_AT - len(BEFORE),
                        highlights=highlights)
    shown = passage(evidence)
    assert "".join(segment.text for segment in shown.segments) == BEFORE + QUOTE + AFTER
    assert "".join(segment.text for segment in shown.segments if segment.quoted) == QUOTE
    assert [segment.text for segment in shown.segments if segment.matched] == marked
    assert not shown.clipped_before and not shown.clipped_after
    assert (shown.role, shown.place) == ("Conflicting clause", "page 2, § 9. Data")


def test_a_long_paragraph_is_cut_at_words_and_a_quote_without_its_paragraph_is_shown_alone() -> None:
    words = " ".join(f"word{number}" for number in range(200))
    quote = "The Provider shall notify the District within seventy-two hours."
    text = f"{words} {quote} {words}"
    start = 1000 + len(words) + 1  # the quote's document offset; the paragraph starts at 1000
    matched = (start + quote.index("seventy"), start + len(quote) - 1)
    evidence = Evidence(quote=quote, page=None, section=None, start=start, end=start + len(quote),
                        score=1.0, role="contradicts", context=text, context_start=1000, highlights=(matched,))
    shown = passage(evidence)
    joined = "".join(segment.text for segment in shown.segments)
    assert shown.clipped_before and shown.clipped_after
    assert joined.split()[0].startswith("word") and joined.split()[-1].startswith("word")
    assert f" {joined} " in f" {text} "  # whole words only
    assert len(joined) <= len(quote) + 2 * CONTEXT_REACH
    assert [segment.text for segment in shown.segments if segment.matched] == ["seventy-two hours"]

    alone = passage(replace(evidence, context="", context_start=0))
    assert [(segment.text, segment.matched) for segment in alone.segments] == \
           [("The Provider shall notify the District within ", False), ("seventy-two hours", True), (".", False)]


def test_a_document_and_the_quotes_read_by_ocr_say_so(isolated: Path) -> None:
    """As the text report does: the pages read by OCR are named under the counts, and a quote from one of
    them says to check it against the page; quotes from the text layer do not."""
    rulebook = load_rulebook(None)
    report = check_file(SAMPLES / "vendor-agreement.pdf", [rulebook])
    report = replace(report, ocr_pages=(7, 8))  # governing law (13.1) is on page 8, the breach clause on page 5
    page = Page(render(CheckRun(reports=(report,), rulebooks=(rulebook,))))
    [note] = page.find_all("p", class_="ocr")
    assert " ".join(note.text.split()) == "Read by OCR: pages 7-8; check each quote from them against the page."
    law = page.by_id("d1-connecticut-law").find_all("figcaption")[0].text
    assert law.startswith("Conflicting clause, page 8,") and law.endswith(
        "read by OCR: check the quote against the page")
    breach = page.by_id("d1-breach-notification").find_all("figcaption")[0].text
    assert "page 5" in breach and "OCR" not in breach
    assert not Page(render(CheckRun(reports=(replace(report, ocr_pages=()),), rulebooks=(rulebook,)))).find_all(
        "p", class_="ocr")
