"""Amendment request letters: what they ask for, the DOCX they write, Markdown and text bodies,
reproducibility, waivers, saved reports and district templates, through the real command line."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import docx
import pytest

from clausecheck.analysis.parties import address_lines, find_parties
from clausecheck.cli import main
from clausecheck.document import DocumentBuilder
from clausecheck.findings import CONFLICT, MISSING, PRESENT, REVIEW, DocumentReport, Evidence, Finding
from clausecheck.letters.amendments import amendment_request

PARTIES = ('This Student Data Privacy Agreement is entered into as of July 1, 2024 by and between the Cromwell '
           'Board of Education (the "Board") and Brightpath Learning, Inc., a Delaware corporation with its '
           'principal place of business at 400 Market Street, Suite 12, Austin, Texas 78701 ("Provider").')
# Three conflicts (marketing use, 72-hour breach notice, California law), two provisions present
# (security, severability) and every other required statement missing.
NON_COMPLIANT = [
    "Provider will provide an online reading practice service to students.",
    "We may use your information to send you marketing materials about products we think you will like.",
    "Provider will notify the District of any breach within seventy-two (72) hours.",
    "We maintain administrative, technical and physical safeguards designed to protect personal information "
    "against unauthorized access.",
    "This Agreement is governed by and construed in accordance with the laws of the State of California.",
    "If any provision of these Terms is found invalid or unenforceable, the remaining provisions will remain "
    "in full force and effect.",
]
CONFLICTS = {"use-limitation", "breach-notification", "connecticut-law"}
MISSING_REQUIRED = {"data-ownership", "student-content-control", "review-and-correction",
                    "no-retention-after-completion", "ferpa-compliance", "no-advertising-use", "deletion-on-request"}
PRECEDENCE = "Order of precedence"  # the last requested amendment of every letter
DISTRICT = ["--district", "Cromwell Public Schools", "--district-address", "9 Mann Memorial Drive; Cromwell, CT 06416",
            "--contact", "the Business Office, (860) 632-4830", "--signer", "Pat Smith",
            "--signer-title", "Director of Finance and Operations"]


def write_contract(path: Path, clauses: list[str], title: str = "Student Data Privacy Agreement",
                   parties: str = PARTIES) -> Path:
    """A real .docx contract: title, parties clause, then one paragraph per clause."""
    document = docx.Document()
    document.add_heading(title, 0)
    document.add_paragraph(parties)
    document.add_heading("1. Terms", 1)
    for clause in clauses:
        document.add_paragraph(clause)
    document.save(path)
    return path


def compliant_clauses() -> list[str]:
    """One sentence per provision, from the rulebook's own examples of compliant wording."""
    from clausecheck.rulebook import load_rulebook

    return [next(example.text for example in provision.examples if example.expect == "present")
            for provision in load_rulebook(None).provisions
            if any(example.expect == "present" for example in provision.examples)]


def run(capsys, *arguments: str) -> tuple[int, str, str]:
    """The real command line, in this process: (exit code, standard output, standard error)."""
    with pytest.raises(SystemExit) as exit_info:
        main(list(arguments))
    captured = capsys.readouterr()
    return exit_info.value.code or 0, captured.out, captured.err


@pytest.fixture
def contract(workdir: Path) -> Path:
    return write_contract(workdir / "brightpath.docx", NON_COMPLIANT)


def check_json(capsys, path: Path) -> dict[str, dict]:
    code, out, _ = run(capsys, "check", str(path), "--format", "json", "--no-cache")
    assert code == 1
    (document,) = json.loads(out)["documents"]
    return {finding["provision"]: finding for finding in document["findings"]}


def paragraphs(path: Path) -> list[docx.text.paragraph.Paragraph]:
    return docx.Document(str(path)).paragraphs


def numbered_items(path: Path) -> list[tuple[int, str]]:
    """The letter's numbered items: bold paragraphs "N.<tab>Title"."""
    items = []
    for paragraph in paragraphs(path):
        match = re.fullmatch(r"(\d+)\.\t(.+)", paragraph.text)
        if match and paragraph.runs[0].bold:
            items.append((int(match.group(1)), match.group(2)))
    return items


def item_fields(path: Path) -> dict[str, dict[str, str]]:
    """Each numbered item's labelled paragraphs ("Finding: ...", "Required by: ..."), by item title,
    with non-breaking spaces read as spaces."""
    items: dict[str, dict[str, str]] = {}
    current = None
    for paragraph in paragraphs(path):
        text = paragraph.text.replace("\u00a0", " ")
        match = re.fullmatch(r"\d+\.\t(.+)", text)
        if match and paragraph.runs[0].bold:
            current = items.setdefault(match.group(1), {})
        elif current is not None and paragraph.runs and paragraph.runs[0].bold and ": " in text:
            label, value = text.split(": ", 1)
            current[label] = value
        elif current is not None and not re.match(r"\s", text or " "):
            current = None
    return items


def text_of(path: Path) -> str:
    return "\n".join(paragraph.text for paragraph in paragraphs(path))


# --- The DOCX letter -----------------------------------------------------------------------------

def test_the_docx_letter_lists_exactly_the_missing_and_conflicting_provisions(capsys, contract):
    found = check_json(capsys, contract)
    expected = {provision for provision, finding in found.items()
                if finding["status"] == "conflict" or (finding["required"] and finding["status"] == "missing")}
    assert expected == CONFLICTS | MISSING_REQUIRED

    code, _, err = run(capsys, "letter", str(contract), *DISTRICT, "--date", "2024-12-02")
    assert code == 0, err
    letter = contract.parent / "brightpath-amendment-request.docx"
    text = text_of(letter)
    items = numbered_items(letter)
    assert {title for _, title in items} == {found[provision]["title"] for provision in expected} | {PRECEDENCE}
    assert [number for number, _ in items] == list(range(1, len(expected) + 2))
    assert items[-1][1] == PRECEDENCE
    fields = item_fields(letter)
    for provision in expected:
        item = fields[found[provision]["title"]]
        assert item["Proposed language"] == " ".join(found[provision]["amendment"].split())
        assert item["Required by"].endswith(f"({found[provision]['citation']})")
        if provision in CONFLICTS:
            assert item["In the agreement"] == (f"\u201c{found[provision]['evidence'][0]['quote']}\u201d "
                                                "(section \u201c1. Terms\u201d)")
            shortfall = "falls short of" if found[provision]["required_by"] == ["policy"] else "conflicts with"
            assert item["Finding"].startswith(f"The agreement contains a clause that {shortfall} this term")
            assert "We ask that Section 1 be deleted, or replaced by the proposed language." in item["Finding"]
        else:
            assert item["In the agreement"] == "No provision on this subject."
            assert item["Finding"] == "The agreement does not contain this term."
    for present in ("security-confidentiality", "severability"):
        assert found[present]["title"] not in text


def test_the_docx_letter_is_a_business_letter(capsys, contract):
    code, _, err = run(capsys, "letter", str(contract), *DISTRICT, "--date", "2024-12-02",
                       "--attention", "Jane Roe, General Counsel", "-o", "letter.docx")
    assert code == 0, err
    body = paragraphs(contract.parent / "letter.docx")
    lines = [paragraph.text for paragraph in body]
    head = body[0]
    assert head.text == "Cromwell Public Schools" and head.runs[0].bold
    assert lines[1:4] == ["9 Mann Memorial Drive", "Cromwell, CT 06416", "the Business Office, (860) 632-4830"]
    assert "December 2, 2024" in lines
    start = lines.index("Brightpath Learning, Inc.")
    assert lines[start:start + 4] == ["Brightpath Learning, Inc.", "Attention: Jane Roe, General Counsel",
                                      "400 Market Street, Suite 12", "Austin, Texas 78701"]
    subject = next(paragraph for paragraph in body if paragraph.text.startswith("Re: "))
    assert subject.runs[0].bold and "Student Data Privacy Agreement dated July 1, 2024" in subject.text
    assert "Dear Jane Roe:" in lines
    text = "\n".join(lines)
    assert ("a contract entered into on or after July 1, 2018 that does not include one of those terms is void if "
            "the contractor, after reasonable notice, fails within a reasonable time to amend it"
            in " ".join(text.split()))
    assert "by Thursday, January 2, 2025" in text  # 30 days fall on New Year's Day: the next business day
    assert "Requested amendments" in lines
    assert text.count("No provision on this subject.") == len(MISSING_REQUIRED)
    assert ("\u201cThis Agreement is governed by and construed in accordance with the laws of the State of "
            "California.\u201d" in text)
    assert "the law of California governs, not Connecticut" in text
    assert lines[-4:] == ["Pat Smith", "Director of Finance and Operations",
                          "Cromwell Public Schools Board of Education", ""]
    section = docx.Document(str(contract.parent / "letter.docx")).sections[0]
    assert (section.page_width.inches, section.page_height.inches) == (8.5, 11)


def test_the_same_inputs_and_date_give_the_same_file(capsys, contract):
    for name in ("first.docx", "second.docx"):
        assert run(capsys, "letter", str(contract), *DISTRICT, "--date", "2024-12-02", "-o", name)[0] == 0
    first, second = (contract.parent / name for name in ("first.docx", "second.docx"))
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as package:  # python-docx would stamp the time of writing
        assert {entry.date_time for entry in package.infolist()} == {(2024, 12, 2, 0, 0, 0)}
    properties = docx.Document(str(first)).core_properties
    assert properties.created.date().isoformat() == "2024-12-02" == properties.modified.date().isoformat()
    assert properties.author == "Cromwell Public Schools" and properties.revision == 1
    assert run(capsys, "letter", str(contract), *DISTRICT, "--date", "2024-12-03", "-o", "third.docx")[0] == 0
    assert (contract.parent / "third.docx").read_bytes() != first.read_bytes()


def test_a_contract_with_nothing_to_amend_gets_no_letter(capsys, workdir):
    compliant = write_contract(workdir / "good.docx", compliant_clauses())
    code, out, err = run(capsys, "letter", str(compliant), *DISTRICT)
    assert code == 0
    assert "Nothing to amend" in err and "no letter written" in err
    assert not list(workdir.glob("good-amendment-request*"))


# --- Markdown and plain text ---------------------------------------------------------------------

def test_the_markdown_letter_lists_the_same_provisions_with_amendment_and_citation(capsys, contract):
    found = check_json(capsys, contract)
    code, out, err = run(capsys, "letter", str(contract), *DISTRICT, "--date", "2024-12-02", "-f", "markdown",
                         "-o", "-")
    assert code == 0, err
    assert out.startswith("**Cromwell Public Schools**")
    headings = [line[4:].split(". ", 1)[1] for line in out.splitlines() if line.startswith("### ")]
    assert sorted(headings) == sorted([found[provision]["title"] for provision in CONFLICTS | MISSING_REQUIRED]
                                      + [PRECEDENCE])
    for provision in CONFLICTS | MISSING_REQUIRED:
        assert f"**Proposed language:** {' '.join(found[provision]['amendment'].split())}" in out
        assert f"({found[provision]['citation']})" in out
    assert "> \u201cProvider will notify the District of any breach within seventy-two (72) hours.\u201d" in out
    assert "Wrote standard output" in err


def test_the_text_letter_is_wrapped_for_email(capsys, contract):
    code, out, _ = run(capsys, "letter", str(contract), *DISTRICT, "--date", "2024-12-02", "-f", "txt", "-o", "-")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 72
    assert "1. Student data remains the board's, not the contractor's property or" in out
    assert "   Proposed language: Student records, student information" in out
    assert "§\n" not in out  # a section sign stays with its number


def test_a_docx_letter_cannot_go_to_standard_output(capsys, contract):
    code, _, err = run(capsys, "letter", str(contract), *DISTRICT, "-o", "-")
    assert code == 2 and "DOCX" in err


# --- Where the facts come from -------------------------------------------------------------------

def test_the_district_profile_comes_from_the_settings_and_options_override_it(capsys, contract):
    (contract.parent / ".clausecheck.yaml").write_text(
        "district:\n  name: Millbrook Public Schools\n  address: 25 School Street; Millbrook, CT 06455\n"
        "  contact: business@millbrook.example\n  signer: Jordan Ellis\n"
        "  signer-title: Director of Finance and Operations\n", encoding="utf-8")
    code, out, _ = run(capsys, "letter", str(contract), "--date", "2024-12-02", "-f", "txt", "-o", "-")
    assert code == 0
    assert out.splitlines()[:4] == ["Millbrook Public Schools", "25 School Street", "Millbrook, CT 06455",
                                    "business@millbrook.example"]
    assert "Jordan Ellis\nDirector of Finance and Operations" in out  # the signer, from the settings too
    code, out, _ = run(capsys, "letter", str(contract), "--district", "Other District", "--date", "2024-12-02",
                       "-f", "txt", "-o", "-")
    assert out.splitlines()[0] == "Other District"


def test_without_a_district_name_the_letter_says_how_to_set_it(capsys, contract):
    code, _, err = run(capsys, "letter", str(contract))
    assert code == 2 and "--district" in err


def test_vendor_options_override_the_parties_clause(capsys, contract):
    code, out, _ = run(capsys, "letter", str(contract), *DISTRICT, "--vendor", "BrightPath Learning LLC",
                       "--vendor-address", "PO Box 12", "--vendor-address", "Austin, TX 78701",
                       "--contract-title", "Master Subscription Agreement", "-f", "txt", "-o", "-",
                       "--date", "2024-12-02")
    assert code == 0
    assert "BrightPath Learning LLC\nPO Box 12\nAustin, TX 78701\n" in out
    assert "Re: Request to amend the Master Subscription Agreement" in out


def test_a_contract_without_a_readable_parties_clause_needs_vendor(capsys, workdir):
    bare = write_contract(workdir / "bare.docx", NON_COMPLIANT, parties="The parties agree as follows.")
    code, _, err = run(capsys, "letter", str(bare), *DISTRICT)
    assert code == 2 and "--vendor" in err


def _as_saved_before_evidence_carried_its_paragraph(data: dict) -> None:
    evidence = [item for finding in data["documents"][0]["findings"] for item in finding["evidence"]]
    assert evidence
    for item in evidence:
        del item["end_line"], item["context"], item["context_start"]


@pytest.mark.parametrize("saved_by", [None, _as_saved_before_evidence_carried_its_paragraph],
                         ids=["this-version", "before-evidence-carried-its-paragraph"])
def test_the_letter_written_from_a_saved_json_report_is_the_letter_of_the_contract(capsys, contract, saved_by):
    code, out, _ = run(capsys, "check", str(contract), "--format", "json", "--no-cache")
    data = json.loads(out)
    if saved_by:
        saved_by(data)
    (contract.parent / "report.json").write_text(json.dumps(data), encoding="utf-8")
    arguments = [*DISTRICT, "--date", "2024-12-02", "-f", "markdown", "-o", "-"]
    from_report = run(capsys, "letter", "--report", "report.json", *arguments)
    direct = run(capsys, "letter", str(contract), *arguments)
    assert from_report[0] == direct[0] == 0
    assert from_report[1] == direct[1]


def test_a_damaged_saved_report_is_refused_with_what_is_wrong(capsys, contract):
    code, out, _ = run(capsys, "check", str(contract), "--format", "json", "--no-cache")
    data = json.loads(out)
    data["documents"][0]["findings"][1]["status"] = "fine"
    (contract.parent / "damaged.json").write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run(capsys, "letter", "--report", "damaged.json", *DISTRICT)
    assert code == 2
    assert "damaged.json: the report is damaged or of another version (document" in err
    assert "finding 2 ('student-content-control'): status is 'fine', not one of present, conflict, missing, review" in (
        " ".join(err.split()))


def test_the_reply_date_can_be_set_or_counted(capsys, contract):
    out = run(capsys, "letter", str(contract), *DISTRICT, "--date", "2024-12-02", "--respond-by", "2024-12-20",
              "-f", "txt", "-o", "-")[1]
    assert "by Friday, December 20, 2024." in " ".join(out.split())
    out = run(capsys, "letter", str(contract), *DISTRICT, "--date", "2024-12-02", "--respond-within", "14",
              "-f", "txt", "-o", "-")[1]
    assert "by Monday, December 16, 2024 (14 days from the date of this letter)." in " ".join(out.split())
    code, _, err = run(capsys, "letter", str(contract), *DISTRICT, "--date", "2024-12-02", "--respond-by", "2024-11-01")
    assert code == 2 and "--respond-by" in err


# --- Waivers, review findings and templates --------------------------------------------------------

def test_waived_findings_are_left_out_and_listed_in_the_file_copy_appendix(capsys, contract):
    (contract.parent / "waivers.yaml").write_text(
        "waivers:\n  - document: brightpath.docx\n    provision: breach-notification\n"
        "    reason: The board accepted 72 hours for the 2024-25 pilot.\n"
        "    approved-by: Board of Education, vote of 2024-11-12\n    expires: 2025-06-30\n", encoding="utf-8")
    code, out, err = run(capsys, "letter", str(contract), *DISTRICT, "--waivers", "waivers.yaml",
                         "--date", "2024-12-02", "-f", "markdown", "-o", "-")
    assert code == 0, err
    request, appendix = out.split("File copy only")
    assert "Breach notice procedure" not in request
    assert "### 1. Breach notice procedure: the board, students and parents within 48 hours" in appendix
    assert "**Waiver:** The board accepted 72 hours for the 2024-25 pilot." in appendix
    assert "1 waived (in the appendix)" in err
    code, out, _ = run(capsys, "letter", str(contract), *DISTRICT, "--waivers", "waivers.yaml", "--no-appendix",
                       "--date", "2024-12-02", "-f", "markdown", "-o", "-")
    assert "File copy only" not in out and "Breach notice procedure" not in out


def finding(provision: str, status: str, required: bool = True, waived: str | None = None,
            baseline: str | None = None) -> Finding:
    evidence = () if status == MISSING else (Evidence("Some clause.", 2, "7 Data", 0, 12, 0.9,
                                                      "contradicts" if status == CONFLICT else "weak"),)
    return Finding(provision=provision, title=provision.title(), severity="error", status=status, score=0.9,
                   required=required, evidence=evidence, amendment=f"Amend {provision}.",
                   citation=f"Policy {provision}", reason="", waived=waived, baseline=baseline)


def test_review_findings_are_confirmations_by_default_and_the_choice_is_the_users():
    report = DocumentReport(path="c.pdf", findings=(
        finding("a", CONFLICT), finding("b", MISSING), finding("c", REVIEW), finding("d", PRESENT),
        finding("e", MISSING, required=False), finding("f", CONFLICT, required=False),
        finding("g", MISSING, waived="accepted (approved by the board; expires 2025-06-30)"),
        finding("h", MISSING, baseline=".clausecheck-baseline.json")))
    request = amendment_request(report)
    assert [item.provision for item in request.amendments] == ["a", "b", "f", "h"]
    assert [item.provision for item in request.confirmations] == ["c"]
    assert [(item.provision, item.waived) for item in request.waived] == \
        [("g", "accepted (approved by the board; expires 2025-06-30)")]
    assert [item.provision for item in amendment_request(report, "amend").amendments] == ["a", "b", "c", "f", "h"]
    omitted = amendment_request(report, "omit")
    assert not omitted.confirmations and "c" not in [item.provision for item in omitted.amendments]
    assert request.amendments[0].quotes[0].where == "page 2, section \u201c7 Data\u201d"


def test_a_district_template_changes_only_the_parts_it_names(capsys, contract):
    (contract.parent / "ours.yaml").write_text(
        "closing: Respectfully,\n"
        "delivery: By certified mail and e-mail\n"
        "copies: |\n  cc: {{ district.name }} Superintendent of Schools\n", encoding="utf-8")
    code, out, _ = run(capsys, "letter", str(contract), *DISTRICT, "--template", "ours.yaml", "--date", "2024-12-02",
                       "-f", "txt", "-o", "-")
    assert code == 0
    assert "\nRespectfully,\n" in out and "Sincerely" not in out
    assert "By certified mail and e-mail\n\nBrightpath Learning, Inc." in out
    assert "cc: Cromwell Public Schools Superintendent of Schools" in out
    assert "void if the contractor, after reasonable notice" in " ".join(out.split())


@pytest.mark.parametrize(("template", "message"), [
    ("closing: Yours,\nsignoff: Bye\n", "ours.yaml:2: 'signoff' is not a part of the amendment-letter template"),
    ("closing: |\n  Yours, {{ vendor.nmae }}\n", "ours.yaml:2: 'closing' uses a name"),
    ("closing: |\n  fine\n  {% if %}\n", "ours.yaml:3: template error"),
])
def test_a_broken_template_is_reported_at_its_file_and_line(capsys, contract, template, message):
    (contract.parent / "ours.yaml").write_text(template, encoding="utf-8")
    code, _, err = run(capsys, "letter", str(contract), *DISTRICT, "--template", "ours.yaml")
    assert code == 2
    assert message in err


# --- The parties clause --------------------------------------------------------------------------

def document_of(*paragraphs_: str):
    builder = DocumentBuilder()
    for paragraph in paragraphs_:
        builder.add(paragraph)
    return builder.build("contract.txt", "text")


@pytest.mark.parametrize(("text", "name", "address"), [
    (PARTIES, "Brightpath Learning, Inc.", ("400 Market Street, Suite 12", "Austin, Texas 78701")),
    ('This Master Subscription Agreement is made between Acme EdTech LLC, 12 Elm St., Boston, MA 02110 ("Vendor") '
     'and the Town of Cromwell Board of Education ("District").',
     "Acme EdTech LLC", ("12 Elm St.", "Boston, MA 02110")),
    ("This Agreement is entered into by and between BrightPath Learning, Inc., a Delaware corporation with its "
     "principal office at 410 Harbor View Drive, Suite 1200, San Mateo, California 94404 (\u201cProvider\u201d), "
     "and the Millbrook Board of Education, which operates the public schools of the Town of Millbrook (the "
     "\u201cDistrict\u201d).", "BrightPath Learning, Inc.",
     ("410 Harbor View Drive, Suite 1200", "San Mateo, California 94404")),
    ('These terms are an agreement between you and Kahoot! ASA ("Kahoot!", "we", "us").', "Kahoot! ASA", ()),
])
def test_the_vendor_is_read_from_the_parties_clause(text, name, address):
    parties = find_parties(document_of("Agreement", text))
    assert parties.vendor is not None
    assert (parties.vendor.name, parties.vendor.address) == (name, address)


def test_a_form_with_labelled_fields_names_the_vendor():
    parties = find_parties(document_of("STUDENT DATA PRIVACY AGREEMENT", "Provider: Quizlet, Inc.",
                                       "Address: 501 Second Street, San Francisco, CA 94107"))
    assert parties.vendor.name == "Quizlet, Inc."
    assert parties.vendor.address == ("501 Second Street", "San Francisco, CA 94107")
    assert parties.title == "STUDENT DATA PRIVACY AGREEMENT"


def test_an_address_on_one_line_is_laid_out_for_an_envelope():
    assert address_lines("1 Main St, Hartford, CT 06103.") == ("1 Main St", "Hartford, CT 06103")
    assert address_lines("1 Main St, Hartford, CT 06103 (\u201cVendor\u201d); and the Board") == \
        ("1 Main St", "Hartford, CT 06103")
    assert address_lines("Postboks 1, Oslo") == ("Postboks 1, Oslo",)


# --- The letter in LibreOffice -------------------------------------------------------------------

def test_libreoffice_prints_the_docx_letter_with_every_requested_amendment(capsys, contract, soffice):
    """The DOCX opens in LibreOffice: printed to PDF, its text is the letter (skipped without soffice)."""
    import pdfplumber

    from clausecheck.rulebook import load_rulebook
    from conftest import sample_builder

    code, _, err = run(capsys, "letter", str(contract), *DISTRICT, "--date", "2024-12-02", "-o", "letter.docx")
    assert code == 0, err
    pdf = sample_builder.convert_to_pdf(contract.parent / "letter.docx", contract.parent)
    with pdfplumber.open(pdf) as document:
        pages = [page.extract_text() or "" for page in document.pages]
    text = " ".join(" ".join(pages).split())
    assert len(pages) >= 2
    assert pages[0].lstrip().startswith("Cromwell Public Schools")
    assert "Re: Request to amend the Student Data Privacy Agreement dated July 1, 2024" in text
    assert ("a contract entered into on or after July 1, 2018 that does not include one of those terms is void if "
            "the contractor, after reasonable notice, fails within a reasonable time to amend it"
            in " ".join(text.split()))
    book = load_rulebook(None)
    for provision in CONFLICTS | MISSING_REQUIRED:
        assert book.provision(provision).title in text, provision
    assert text.count("Proposed language:") == len(CONFLICTS | MISSING_REQUIRED) + 1  # and the order of precedence
    assert "seventy-two (72) hours" in text
    assert "Pat Smith Director of Finance and Operations" in text
    assert f"page 1 of {len(pages)}" in pages[0]
