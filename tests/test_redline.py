"""`clausecheck redline`: the contract's own DOCX with the amendments as tracked changes and comments, or a
standalone amendment for a PDF, checked through the real command line on real files.

Accepting every change the redline made must give a contract the check passes; rejecting them must give
back the original text; everything the redline did not mean to change stays byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from clausecheck.cli import main
from clausecheck.readers import read_document
from tracked_changes import W, accept_all, package_parts, reject_all, with_part

PARTIES = ('This Student Data Privacy Agreement is entered into as of July 1, 2024 by and between the Cromwell '
           'Board of Education (the "Board") and Brightpath Learning, Inc., a Delaware corporation with its '
           'principal place of business at 400 Market Street, Suite 12, Austin, Texas 78701 ("Provider").')
DATE = ["--date", "2025-07-01"]
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"


def run(capsys, *arguments: str) -> tuple[int, str, str]:
    """The real command line, in this process: (exit code, standard output, standard error)."""
    with pytest.raises(SystemExit) as exit_info:
        main(list(arguments))
    captured = capsys.readouterr()
    return exit_info.value.code or 0, captured.out, " ".join(captured.err.split())


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


# --- Contracts ------------------------------------------------------------------------------------

def _list(document) -> int:
    """A two-level Word list ("1." over "1.1"), as contract templates number their sections."""
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="77"><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
    return 77


def _numbered(paragraph, level: int) -> None:
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="77"/></w:numPr>'))


def word_numbered_contract(path: Path) -> Path:
    """A contract whose sections Word numbers (w:numPr), with three conflicts written across runs of
    different formatting, a header and footer, another author's tracked insertion and comment, and a
    signature table after "IN WITNESS WHEREOF"."""
    document = docx.Document()
    _list(document)
    section = document.sections[0]
    section.header.paragraphs[0].text = "Cromwell Board of Education \u2014 Contract 2025-9"
    section.footer.paragraphs[0].text = "Confidential"
    document.add_paragraph("Student Data Privacy Agreement", style="Title")
    document.add_paragraph(PARTIES)

    def heading(text: str) -> None:
        _numbered(document.add_heading(text, 1), 0)

    def item(*runs: tuple[str, str]):
        paragraph = document.add_paragraph()
        for text, style in runs:
            run = paragraph.add_run(text)
            run.bold, run.italic = style == "bold", style == "italic"
        _numbered(paragraph, 1)
        return paragraph

    heading("Definitions")
    item(('"Student Data" means any information that relates to an identified or identifiable student and '
          'that the Board or its students provide to Provider.', ""))
    heading("Use of Student Data")
    item(("Provider will provide an online reading practice service to students. ", ""),
         ("We may use your information to send you marketing materials about products we think you will like.",
          ""))
    item(("We maintain administrative, technical and physical safeguards designed to protect personal "
          "information against unauthorized access.", ""))
    heading("Security Incidents")
    item(("Provider will notify the Board of any breach within ", ""), ("seventy-two (72) hours", "italic"),
         (". Provider will cooperate with the Board's investigation.", ""))
    heading("General")
    item(("This Agreement is governed by and construed in accordance with the laws of the State of ", ""),
         ("California", "bold"), (".", ""))
    item(("If any provision of these Terms is found invalid or unenforceable, the remaining provisions will "
          "remain in full force and effect.", ""))
    notices = item(("Notices shall be sent to the addresses above", ""))
    notices._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="901" w:author="Jane Roe" w:date="2025-06-01T00:00:00Z">'
        '<w:r><w:t xml:space="preserve"> by certified mail</w:t></w:r></w:ins>'))
    notices.add_run(".")
    document.add_comment(notices.runs[0], text="Which addresses?", author="Jane Roe", initials="JR")
    document.add_paragraph("IN WITNESS WHEREOF, the parties have signed this Agreement as of the date above.")
    table = document.add_table(rows=2, cols=2)
    for cell, text in zip(table.rows[0].cells, ("CROMWELL BOARD OF EDUCATION", "BRIGHTPATH LEARNING, INC.")):
        cell.text = text
    for cell in table.rows[1].cells:
        cell.text = "By: ____________________"
    document.save(path)
    return path


# --- What a redline must be ----------------------------------------------------------------------

def check(capsys, path: Path) -> tuple[int, dict]:
    code, out, _ = run(capsys, "check", str(path), "-f", "json", "--no-cache")
    return code, json.loads(out)["documents"][0]


def accepted_copy(redline: Path, author: str = "clausecheck") -> Path:
    parts = package_parts(redline)
    return with_part(redline, "word/document.xml", accept_all(parts["word/document.xml"], author),
                     redline.with_name(redline.stem + "-accepted.docx"))


def rejected_copy(redline: Path, author: str = "clausecheck") -> Path:
    parts = package_parts(redline)
    return with_part(redline, "word/document.xml", reject_all(parts["word/document.xml"], author),
                     redline.with_name(redline.stem + "-rejected.docx"))


def revision_ids(xml: bytes) -> list[str]:
    root = etree.fromstring(xml)
    return [element.get(f"{W}id") for element in root.iter(f"{W}ins", f"{W}del")]


def assert_valid_package(path: Path) -> dict[str, bytes]:
    """Every XML part parses, revision ids are unique, comments are declared and related."""
    parts = package_parts(path)
    for name, data in parts.items():
        if name.endswith((".xml", ".rels")):
            etree.fromstring(data)
    ids = revision_ids(parts["word/document.xml"])
    assert len(ids) == len(set(ids)), "revision ids repeat"
    assert COMMENTS_TYPE in parts["[Content_Types].xml"].decode()
    assert b"relationships/comments" in parts["word/_rels/document.xml.rels"]
    comment_ids = {element.get(f"{W}id")
                   for element in etree.fromstring(parts["word/comments.xml"]).iter(f"{W}comment")}
    referenced = {element.get(f"{W}id") for element in etree.fromstring(parts["word/document.xml"]).iter(
        f"{W}commentReference")}
    assert referenced == comment_ids
    return parts


def test_accepting_the_sample_redline_gives_a_contract_that_passes(capsys, workdir, vendor_docx):
    before = hashlib.sha256(vendor_docx.read_bytes()).hexdigest()
    code, _, err = run(capsys, "redline", str(vendor_docx), *DATE)
    assert code == 0, err
    redline = workdir / "vendor-agreement-redline.docx"
    assert "4 conflicting clause(s) struck, 5 replacement(s) beside them" in err and "new Section 15" in err
    assert hashlib.sha256(vendor_docx.read_bytes()).hexdigest() == before, "the contract itself was changed"

    code, report = check(capsys, accepted_copy(redline))
    assert code == 0, [(item["provision"], item["status"]) for item in report["findings"]]
    assert {item["status"] for item in report["findings"] if item["required"]} == {"present"}

    original = read_document(vendor_docx).text
    assert read_document(rejected_copy(redline)).text == original


def test_the_redline_strikes_each_clause_in_place_and_keeps_every_other_part_byte_for_byte(capsys, workdir,
                                                                                          vendor_docx):
    run(capsys, "redline", str(vendor_docx), *DATE)
    parts = assert_valid_package(workdir / "vendor-agreement-redline.docx")
    original = package_parts(vendor_docx)
    changed = {name for name in parts if parts[name] != original.get(name)}
    assert changed == {"word/document.xml", "word/comments.xml", "word/_rels/document.xml.rels",
                       "[Content_Types].xml"}
    root = etree.fromstring(parts["word/document.xml"])
    deleted = ["".join(text.text for text in deletion.iter(f"{W}delText")) for deletion in root.iter(f"{W}del")]
    assert "If Provider confirms a Security Incident, Provider shall notify the District within seventy-two (72) " \
           "hours after such confirmation." in deleted
    assert "This Agreement shall be governed by the laws of the State of California, without regard to its " \
           "conflict of laws principles." in deleted
    for change in [*root.iter(f"{W}del"), *root.iter(f"{W}ins")]:
        assert change.get(f"{W}author") == "clausecheck" and change.get(f"{W}date") == "2025-07-01T00:00:00Z"
    # The replacement sits right after the struck clause, in the contract's defined terms.
    paragraph = next(p for p in root.iter(f"{W}p") if "".join(t.text or "" for t in p.iter(f"{W}t")).startswith(
        "13.1 Governing Law."))
    inserted = "".join(t.text for ins in paragraph.iter(f"{W}ins") for t in ins.iter(f"{W}t"))
    assert inserted == ("This Agreement, and the rights and duties of Provider and the District under it, shall be "
                        "governed by and construed in accordance with the laws of the State of Connecticut.")
    accepted = read_document(accepted_copy(workdir / "vendor-agreement-redline.docx")).text
    assert "13.1 Governing Law. This Agreement, and the rights and duties of Provider and the District under it" \
           in accepted
    assert "The United Nations Convention" in accepted.split("13.1 Governing Law.")[1][:400]


def test_missing_terms_go_in_a_numbered_section_before_the_exhibits_with_an_order_of_precedence(capsys, workdir,
                                                                                              vendor_docx):
    run(capsys, "redline", str(vendor_docx), *DATE)
    accepted = read_document(accepted_copy(workdir / "vendor-agreement-redline.docx"))
    headings = [block.text for block in accepted.blocks if block.kind == "heading"]
    assert headings.index("15. Connecticut Student Data Privacy Terms") == headings.index("14. General Terms") + 1
    assert headings[headings.index("14. General Terms") + 2] == "Exhibit A. Services and Fees"
    items = [block.text for block in accepted.blocks
             if block.section and block.section[0].startswith("15.") and block.kind != "heading"]
    assert [item.split()[0] for item in items] == ["15.1", "15.2", "15.3", "15.4", "15.5", "15.6"]
    assert items[0].startswith("15.1 The District, and students and their parents")
    assert items[-1].startswith("15.6 The terms of Section 15, and Sections 5.3, 7.5, 8.5 and 13.1 as amended with "
                                "them, prevail over any conflicting or inconsistent provision of this Agreement")
    assert "privacy policy" in items[-1] and "terms of service" in items[-1]


def test_comments_give_the_finding_its_source_and_citation_and_the_terms_used(capsys, workdir, vendor_docx):
    run(capsys, "redline", str(vendor_docx), *DATE)
    parts = package_parts(workdir / "vendor-agreement-redline.docx")
    comments = [" ".join("".join(t.text for t in comment.iter(f"{W}t")).split())
                for comment in etree.fromstring(parts["word/comments.xml"]).iter(f"{W}comment")]
    breach = next(text for text in comments if "(breach-notification)" in text)
    assert "conflicts with a term the Board requires and is struck and replaced" in breach
    assert "seventy-two (72) hours" in breach and "Citation: Board policy, contract provision 6" in breach
    assert any("(ferpa-compliance)" in text and "added because this Agreement has no clause on this" in text
               for text in comments)
    section = next(text for text in comments if "the terms in this section are required" in text)
    assert "\u201cProvider\u201d for Contractor (the parties clause)" in section
    assert "\u201cStudent Data\u201d for student records, student information and student-generated content" in section
    assert any("order of precedence" in text for text in comments)


def test_a_word_numbered_contract_keeps_its_list_numbering_formatting_and_earlier_revisions(capsys, workdir):
    contract = word_numbered_contract(workdir / "brightpath.docx")
    code, _, err = run(capsys, "redline", str(contract), *DATE, "--district", "Cromwell Public Schools")
    assert code == 0, err
    redline = workdir / "brightpath-redline.docx"
    parts = assert_valid_package(redline)
    original = package_parts(contract)
    for name in ("word/header1.xml", "word/footer1.xml", "word/numbering.xml", "word/styles.xml"):
        if name in original:
            assert parts[name] == original[name], name
    root = etree.fromstring(parts["word/document.xml"])
    assert {change.get(f"{W}author") for change in root.iter(f"{W}del")} == {"Cromwell Public Schools"}
    jane = [change for change in root.iter(f"{W}ins") if change.get(f"{W}author") == "Jane Roe"]
    assert len(jane) == 1 and jane[0].get(f"{W}id") == "901"
    comments = etree.fromstring(parts["word/comments.xml"])
    assert "Which addresses?" in "".join(t.text for t in comments.iter(f"{W}t"))

    # The split runs keep their formatting: "California" is still bold, the 72 hours still italic.
    struck = {"".join(t.text for t in run.iter(f"{W}delText")): run.find(f"{W}rPr")
              for deletion in root.iter(f"{W}del") for run in deletion.iter(f"{W}r")}
    assert struck["California"].find(f"{W}b") is not None
    assert struck["seventy-two (72) hours"].find(f"{W}i") is not None
    remaining = [run for run in root.iter(f"{W}r") if "".join(t.text or "" for t in run.iter(f"{W}t")) ==
                 " Provider will cooperate with the Board's investigation."]
    assert remaining, "the rest of the breach clause is no longer a run of its own"

    accepted = accepted_copy(redline, "Cromwell Public Schools")
    code, report = check(capsys, accepted)
    assert code == 0, [(item["provision"], item["status"]) for item in report["findings"]]
    text = read_document(accepted).text
    # Word numbers the new section itself: its heading copies the list numbering of the others.
    assert "5. Connecticut Student Data Privacy Terms" in text
    assert "5.1 " in text and text.index("5. Connecticut") < text.index("IN WITNESS WHEREOF")
    assert "Notices shall be sent to the addresses above by certified mail." in text
    assert read_document(rejected_copy(redline, "Cromwell Public Schools")).text == read_document(contract).text


def test_a_contract_without_defined_terms_keeps_the_rulebooks_words_and_says_so(capsys, workdir):
    document = docx.Document()
    document.add_paragraph("Terms of Service", style="Title")
    for clause in ("These terms govern your use of the reading service.",
                   "We may use your information to send you marketing materials about products we think you will "
                   "like.",
                   "These terms are governed by the laws of the State of Texas."):
        document.add_paragraph(clause)
    document.save(workdir / "terms.docx")
    code, _, err = run(capsys, "redline", "terms.docx", *DATE)
    assert code == 0, err
    parts = package_parts(workdir / "terms-redline.docx")
    comments = " ".join("".join(t.text for t in etree.fromstring(parts["word/comments.xml"]).iter(f"{W}t")).split())
    assert "could not find this Agreement's term for \u201cContractor\u201d, \u201cthe Board\u201d" in comments
    accepted = accepted_copy(workdir / "terms-redline.docx")
    code, report = check(capsys, accepted)
    assert code == 0, [(item["provision"], item["status"]) for item in report["findings"]]
    text = read_document(accepted).text
    # A contract without numbered sections gets a titled section of lettered terms at its end.
    assert text.split("\n\n")[-12:-10] == ["Connecticut Student Data Privacy Terms",
                                           text.split("\n\n")[-11]]
    assert text.split("\n\n")[-11].startswith("(a) Student records, student information and")
    assert text.split("\n\n")[-1].startswith("(k) The Connecticut Student Data Privacy Terms, and the section "
                                              "\u201cTerms of Service\u201d as amended with them, prevail")


def test_conflicting_clauses_beyond_those_a_finding_quotes_are_struck_too(capsys, workdir):
    document = docx.Document()
    document.add_paragraph("Student Data Privacy Agreement", style="Title")
    document.add_paragraph(PARTIES)
    clauses = ["Provider may use Student Data to show personalized advertising in the app.",
               "Provider may use Student Data to recommend products of its partners to parents.",
               "Provider may use Student Data to deliver targeted advertising on other websites.",
               "Provider may use Student Data for interest-based advertising.",
               "Provider may use Student Data to send students offers for its premium products."]
    for clause in clauses:
        document.add_paragraph(clause)
    document.save(workdir / "many.docx")
    code, first, _ = run(capsys, "check", "many.docx", "-f", "json", "--no-cache")
    quoted = {item["start"] for finding in json.loads(first)["documents"][0]["findings"]
              for item in finding["evidence"] if item["role"] == "contradicts"}
    code, _, err = run(capsys, "redline", "many.docx", *DATE)
    assert code == 0, err
    struck = int(re.search(r"(\d+) conflicting clause\(s\) struck", err).group(1))
    assert struck > len(quoted)
    code, report = check(capsys, accepted_copy(workdir / "many-redline.docx"))
    assert code == 0, [(item["provision"], item["status"], item["evidence"][:1]) for item in report["findings"]]


def test_the_compliant_sample_needs_no_redline_and_says_so(capsys, workdir):
    from conftest import REPO

    code, _, err = run(capsys, "redline", str(REPO / "samples" / "ct-data-privacy-agreement.docx"), *DATE)
    assert code == 0
    assert "Nothing to amend:" in err and "no changes to make, no file written" in err
    assert not list(workdir.iterdir())


def test_review_findings_get_a_comment_and_no_change(capsys, workdir, vendor_docx):
    code, out, _ = run(capsys, "check", str(vendor_docx), "-f", "json", "--no-cache")
    data = json.loads(out)
    for finding in data["documents"][0]["findings"]:
        if finding["status"] == "conflict":
            finding["status"] = "review"
            for evidence in finding["evidence"]:
                evidence["role"] = "weak"
        elif finding["status"] == "missing":
            finding["status"] = "present"
    (workdir / "reviewed.json").write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run(capsys, "redline", str(vendor_docx), "--report", "reviewed.json", *DATE)
    assert code == 0, err
    assert "no changes to the text" in err
    parts = package_parts(workdir / "vendor-agreement-redline.docx")
    root = etree.fromstring(parts["word/document.xml"])
    assert not list(root.iter(f"{W}ins")) and not list(root.iter(f"{W}del"))
    comments = " ".join("".join(t.text for t in etree.fromstring(parts["word/comments.xml"]).iter(f"{W}t")).split())
    assert "please confirm" in comments and "(connecticut-law)" in comments
    assert read_document(workdir / "vendor-agreement-redline.docx").text == read_document(vendor_docx).text


def test_a_saved_report_of_another_version_of_the_file_is_refused(capsys, workdir, vendor_docx):
    code, out, _ = run(capsys, "check", str(vendor_docx), "-f", "json", "--no-cache")
    (workdir / "report.json").write_text(out, encoding="utf-8")
    code, _, err = run(capsys, "redline", str(vendor_docx), "--report", "report.json", *DATE, "-o", "from-report.docx")
    assert code == 0, err
    code, _, _ = run(capsys, "redline", str(vendor_docx), *DATE, "-o", "fresh.docx")
    assert (workdir / "from-report.docx").read_bytes() == (workdir / "fresh.docx").read_bytes()

    (workdir / "v2").mkdir()
    edited = workdir / "v2" / "vendor-agreement.docx"
    shutil.copyfile(vendor_docx, edited)
    with zipfile.ZipFile(edited, "a") as archive:
        archive.writestr("docProps/custom-note.xml", "<note/>")
    code, _, err = run(capsys, "redline", str(edited), "--report", "report.json", *DATE)
    assert code == 2 and "made from another version of" in err
    code, _, err = run(capsys, "redline", str(vendor_docx), "-o", str(vendor_docx), *DATE)
    assert code == 2 and "that is the contract itself" in err


def test_a_pdf_gets_a_standalone_amendment_that_holds_every_required_term(capsys, workdir):
    from conftest import REPO

    code, _, err = run(capsys, "redline", str(REPO / "samples" / "vendor-agreement.pdf"), *DATE)
    assert code == 0, err
    amendment = workdir / "vendor-agreement-amendment.docx"
    assert "ready to sign" in err
    code, report = check(capsys, amendment)
    assert code == 0
    assert {item["status"] for item in report["findings"] if item["required"]} == {"present"}
    text = read_document(amendment).text
    assert text.startswith("Amendment to the Master Subscription Agreement: Connecticut Student Data Privacy Terms")
    assert "between Millbrook Board of Education (the \u201cDistrict\u201d) and BrightPath Learning, Inc. " \
           "(\u201cProvider\u201d)" in text
    assert "A. The Parties are parties to the Master Subscription Agreement dated July 1, 2025" in text
    assert "Section 13.1, the sentence beginning \u201cThis Agreement shall be governed by\u201d" in text
    assert re.search(r"\d+\. The terms of this Amendment prevail over any conflicting", text)
    assert "MILLBROOK BOARD OF EDUCATION" in text and "BRIGHTPATH LEARNING, INC." in text


def test_the_same_inputs_and_date_give_the_same_redline(capsys, workdir, vendor_docx):
    run(capsys, "redline", str(vendor_docx), *DATE, "-o", "one.docx")
    run(capsys, "redline", str(vendor_docx), *DATE, "-o", "two.docx")
    assert (workdir / "one.docx").read_bytes() == (workdir / "two.docx").read_bytes()


# --- LibreOffice: the redline opens, prints, and keeps its changes through a save ---------------------------

def soffice_convert(soffice: str, source: Path, target_filter: str, folder: Path) -> Path:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="clausecheck-soffice-") as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", target_filter, "--outdir", str(folder), str(source)],
                       capture_output=True, timeout=180, check=False)
    extension = target_filter.split(":")[0]
    result = folder / f"{source.stem}.{extension}"
    assert result.exists(), f"LibreOffice could not convert {source.name} to {extension}"
    return result


def test_libreoffice_prints_the_redline_and_keeps_its_changes_and_comments_in_a_round_trip(capsys, workdir,
                                                                                          vendor_docx, soffice):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed; CI installs it")
    run(capsys, "redline", str(vendor_docx), *DATE)
    redline = workdir / "vendor-agreement-redline.docx"
    printed = workdir / "printed"
    pdf = soffice_convert(soffice, redline, "pdf", printed)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Connecticut Student Data Privacy Terms" in " ".join(text.split())
    subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(pdf), str(printed / "page")], check=True)
    assert (printed / "page-01.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    saved = workdir / "saved"
    round_trip = soffice_convert(soffice, redline, "docx:MS Word 2007 XML", saved)
    parts = package_parts(round_trip)
    root = etree.fromstring(parts["word/document.xml"])
    deleted = " ".join("".join(t.text or "" for t in d.iter(f"{W}delText")) for d in root.iter(f"{W}del"))
    assert "governed by the laws of the State of California" in deleted
    inserted = " ".join("".join(t.text or "" for t in i.iter(f"{W}t")) for i in root.iter(f"{W}ins"))
    assert "laws of the State of Connecticut" in inserted
    comments = etree.fromstring(parts["word/comments.xml"])
    assert len(list(comments.iter(f"{W}comment"))) == 11
    assert "(breach-notification)" in "".join(t.text or "" for t in comments.iter(f"{W}t"))


def test_the_redline_never_writes_onto_what_the_run_reads(capsys, workdir, vendor_docx):
    """Issue 11 for this writer: the saved report, a rulebook, the waivers and the settings are inputs of
    the run and are refused as --output, as the contract is; so are a folder and standard output."""
    from conftest import REPO

    code, out, _ = run(capsys, "check", str(vendor_docx), "-f", "json", "--no-cache")
    (workdir / "report.json").write_text(out, encoding="utf-8")
    shutil.copyfile(REPO / "rules" / "ct-student-data-privacy.yaml", workdir / "rules.yaml")
    (workdir / "waivers.yaml").write_text("waivers: []\n", encoding="utf-8")
    (workdir / ".clausecheck.yaml").write_text("fail-on: review\n", encoding="utf-8")
    inputs = {name: (workdir / name).read_bytes() for name in ("report.json", "rules.yaml", "waivers.yaml",
                                                              ".clausecheck.yaml")}
    for arguments in (["--report", "report.json", "-o", "report.json"], ["--rules", "rules.yaml", "-o", "rules.yaml"],
                      ["--waivers", "waivers.yaml", "-o", "waivers.yaml"], ["-o", ".clausecheck.yaml"]):
        code, _, err = run(capsys, "redline", str(vendor_docx), *arguments, *DATE)
        assert code == 2 and "is an input of this run" in err, (arguments, err)
    assert {name: (workdir / name).read_bytes() for name in inputs} == inputs
    code, _, err = run(capsys, "redline", str(vendor_docx), "-o", "-", *DATE)
    assert code == 2 and "cannot go to standard output" in err
    code, _, err = run(capsys, "redline", str(vendor_docx), "-o", ".", *DATE)
    assert code == 2 and "is a folder" in err and "vendor-agreement-redline.docx" in err
    assert not (workdir / "-").exists() and not list(workdir.glob("*.docx"))
