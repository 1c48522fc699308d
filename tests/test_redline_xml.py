"""The redline's building blocks on real DOCX files: document offsets traced to the XML, tracked changes
that split runs without losing formatting, unique revision ids, and the contract's defined terms."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from clausecheck.document import DocumentBuilder
from clausecheck.readers.source_file import read_source
from clausecheck.redline.docx_map import MappingError, map_docx
from clausecheck.redline.revisions import RevisionError, Revisions, TextCuts, highest_revision_id, isolate_runs
from clausecheck.redline.terms import DISTRICT, SERVICES, STUDENT_DATA, VENDOR, find_contract_terms, with_contract_terms
from tracked_changes import W, accept_all, reject_all


def text_of(element) -> str:
    return "".join(node.text or "" for node in element.iter(f"{W}t"))


def mapped_text(mapped, start: int, end: int) -> str:
    return "".join(span.text for span in mapped.spans(start, end))


def test_every_character_of_a_docx_document_maps_to_the_element_that_shows_it(tmp_path: Path):
    document = docx.Document()
    document.add_heading("1. Definitions", 1)
    paragraph = document.add_paragraph()
    for text in ("\u2022 Student\u00a0", "Data  means ", "in\u00adformation", "\tabout a student."):
        paragraph.add_run(text)
    document.add_paragraph("The of\ufb01ce keeps it.")
    table = document.add_table(rows=1, cols=1)
    table.rows[0].cells[0].text = "First line"
    table.rows[0].cells[0].add_paragraph("Second line")
    path = tmp_path / "shapes.docx"
    document.save(path)

    mapped = map_docx(read_source(path))
    text = mapped.document.text
    assert "Student Data means information about a student." in text
    start = text.index("Data means")
    assert mapped_text(mapped, start, start + len("Data means information")) == "Data  means in\u00adformation"
    office = text.index("office")
    assert mapped_text(mapped, office, office + 6) == "of\ufb01ce"
    cell = text.index("First line")
    spans = mapped.spans(cell, cell + len("First line\nSecond"))
    assert [span.text for span in spans] == ["First line", "Second"]


def test_word_list_labels_are_not_traced_to_the_text(tmp_path: Path):
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="5"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%1)"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="5"><w:abstractNumId w:val="5"/></w:num>'))
    for clause in ("to subprocessors;", "as the law requires."):
        paragraph = document.add_paragraph(clause)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr>'))
    path = tmp_path / "list.docx"
    document.save(path)
    mapped = map_docx(read_source(path))
    block = mapped.document.blocks[1]
    assert block.text == "(b) as the law requires."
    assert mapped_text(mapped, block.start, block.end) == "as the law requires."
    with pytest.raises(MappingError):
        mapped.spans(block.end, block.end + 1)


def _paragraph(xml: str):
    return parse_xml(f'<w:p {nsdecls("w")}>{xml}</w:p>')


def _cut_and_isolate(paragraph, start: tuple[int, int], end: tuple[int, int]) -> list:
    texts = list(paragraph.iter(f"{W}t"))
    cuts = TextCuts()
    cuts.add(texts[start[0]], start[1])
    cuts.add(texts[end[0]], end[1])
    cuts.apply()
    return isolate_runs(paragraph, cuts.starting(texts[start[0]], start[1]), cuts.ending(texts[end[0]], end[1]))


def test_a_deletion_splits_runs_and_each_half_keeps_its_formatting():
    paragraph = _paragraph('<w:r><w:rPr><w:b/></w:rPr><w:t>Governed by California law.</w:t></w:r>'
                           '<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve"> Venue is </w:t><w:tab/>'
                           '<w:t>San Mateo.</w:t></w:r>')
    revisions = Revisions("clausecheck", "2025-07-01T00:00:00Z", first_id=7)
    runs = _cut_and_isolate(paragraph, (0, 12), (1, 10))
    deletions = revisions.delete(runs)
    assert [text_of(run) or "".join(t.text for t in run.iter(f"{W}delText")) for run in runs] == \
        ["California law.", " Venue is "]
    assert len(deletions) == 1 and deletions[0].get(f"{W}id") == "7"
    all_runs = list(paragraph.iter(f"{W}r"))
    assert [run.find(f"{W}rPr")[0].tag for run in all_runs] == [f"{W}b", f"{W}b", f"{W}i", f"{W}i"]
    insertion = revisions.insert_after(deletions[0], "Connecticut law governs.", runs[-1].find(f"{W}rPr"))
    assert insertion.get(f"{W}id") == "8" and insertion.find(f"{W}r/{W}rPr/{W}i") is not None
    wrapped = _paragraph("")
    wrapped.extend(list(paragraph))
    assert text_of(parse_xml(accept_all(_document(wrapped)))) == "Governed by Connecticut law governs.San Mateo."
    assert text_of(parse_xml(reject_all(_document(wrapped)))) == "Governed by California law. Venue is San Mateo."


def _document(paragraph) -> bytes:
    from lxml import etree

    body = parse_xml(f'<w:document {nsdecls("w")}><w:body/></w:document>')
    body[0].append(paragraph)
    return etree.tostring(body)


def test_several_changes_in_one_text_element_each_find_their_own_text():
    paragraph = _paragraph("<w:r><w:t>One. Two. Three. Four.</w:t></w:r>")
    text = paragraph.find(f"{W}r/{W}t")
    cuts = TextCuts()
    for offset in (5, 10, 17, 22):
        cuts.add(text, offset)
    cuts.apply()
    assert [node.text for node in paragraph.iter(f"{W}t")] == ["One. ", "Two. ", "Three. ", "Four."]
    assert cuts.starting(text, 10).text == "Three. " and cuts.ending(text, 10).text == "Two. "


def test_text_inside_another_authors_revision_is_refused():
    paragraph = _paragraph('<w:ins w:id="3" w:author="Jane Roe" w:date="2025-01-01T00:00:00Z">'
                           '<w:r><w:t>by certified mail</w:t></w:r></w:ins>')
    with pytest.raises(RevisionError, match="tracked change already made"):
        _cut_and_isolate(paragraph, (0, 3), (0, 12))


def test_new_revision_ids_start_above_every_revision_kind_in_the_document():
    root = parse_xml(f'<w:document {nsdecls("w")}><w:body><w:p><w:pPr><w:pPrChange w:id="40"/></w:pPr>'
                     '<w:ins w:id="12"/><w:bookmarkStart w:id="99"/></w:p></w:body></w:document>')
    assert highest_revision_id([root]) == 40


def test_a_new_paragraph_is_marked_inserted_and_drops_the_copied_section_break():
    properties = parse_xml(f'<w:pPr {nsdecls("w")}><w:pStyle w:val="Heading1"/><w:sectPr/></w:pPr>')
    paragraph = Revisions("A", "2025-07-01T00:00:00Z", 1).new_paragraph(properties, [("New terms", None)])
    assert paragraph.find(f"{W}pPr/{W}pStyle") is not None and paragraph.find(f"{W}pPr/{W}sectPr") is None
    assert paragraph.find(f"{W}pPr/{W}rPr/{W}ins").get(f"{W}id") == "1"
    assert paragraph.find(f"{W}ins").get(f"{W}id") == "2" and text_of(paragraph) == "New terms"


def _document_of(*paragraphs: str):
    builder = DocumentBuilder()
    for paragraph in paragraphs:
        builder.add(paragraph)
    return builder.build("contract.docx", "docx")


def test_the_contracts_defined_terms_are_read_from_its_parties_clause_and_definitions():
    document = _document_of(
        'This Agreement is entered into by and between the Cromwell Board of Education (the "LEA") and '
        'Brightpath Learning, Inc., a Delaware corporation ("Provider").',
        '1.2 "Pupil Records" means any information directly related to a pupil that the LEA maintains.',
        'Provider offers its reading platform (the "Service") to the LEA.')
    terms = find_contract_terms(document)
    assert terms.terms == {VENDOR: "Provider", DISTRICT: "the LEA", STUDENT_DATA: "Pupil Records",
                           SERVICES: "the Service"}
    assert terms.missing == ()


def test_generic_role_names_become_the_contracts_terms():
    terms = {VENDOR: "Provider", DISTRICT: "the LEA", STUDENT_DATA: "Student Data", SERVICES: "the Services"}
    assert with_contract_terms(
        "The Board, students and parents retain control. Contractor shall notify the Board and delete student "
        "records, student information and student-generated content at the Board's request, upon completion of the "
        "contracted services.", terms) == (
        "The LEA, students and parents retain control. Provider shall notify the LEA and delete Student Data at "
        "the LEA's request, upon completion of the Services.")
    assert with_contract_terms("Contractor shall comply with the Board of Education's policy.", {}) == \
        "Contractor shall comply with the Board of Education's policy."
    assert with_contract_terms("The Board of Education may ask.", {DISTRICT: "the District"}) == \
        "The Board of Education may ask."
