"""Hostile documents through the real CLI: none hangs a run, exhausts memory or gives a traceback; each
is read in bounded time or refused in its own row with one line saying why."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import pdf_bytes
from hostile import MC_NAMESPACE, W_NAMESPACE, clausecheck, contract_paragraphs, document_xml, paragraph, write_docx
from test_batch import contract

CONNECTICUT = "This Agreement is governed by the laws of the State of Connecticut."
CALIFORNIA = "This Agreement is governed by the laws of the State of California."


def status(run, path: str, provision: str) -> str:
    document = run.documents[path]
    assert document["error"] is None, document["error"]
    return next(finding["status"] for finding in document["findings"] if finding["provision"] == provision)


# --- Files that are not files -------------------------------------------------------------------------

@pytest.mark.parametrize("jobs, timeout", [("1", "0"), ("2", "20")])
@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_a_fifo_or_a_link_to_dev_zero_named_like_a_contract_gets_its_row_without_being_read(
        tmp_path: Path, jobs: str, timeout: str, cache: list[str]) -> None:
    os.mkfifo(tmp_path / "contract.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "good.txt").write_text(contract())
    run = clausecheck("contract.txt", "zero.txt", "good.txt", "-f", "json", "--jobs", jobs, "--timeout", timeout,
                      *cache, cwd=tmp_path, timeout=60)
    assert run.code == 2
    assert "FIFO" in run.documents["contract.txt"]["error"] and run.documents["contract.txt"]["sha256"] is None
    assert "character device" in run.documents["zero.txt"]["error"]
    assert run.documents["good.txt"]["error"] is None
    assert "contract.txt: is a FIFO" in run.stderr  # the error is on standard error too


def test_user_files_that_are_devices_or_fifos_are_refused_without_being_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(contract())
    os.mkfifo(tmp_path / "settings.yaml")
    for arguments in (["--waivers", "/dev/zero"], ["--config", "settings.yaml"], ["--baseline", "/dev/zero"],
                      ["--rules", "/dev/zero"]):
        run = clausecheck("good.txt", *arguments, cwd=tmp_path, timeout=60)
        assert run.code == 2 and ("not a regular file" in run.stderr or "cannot read" in run.stderr), run.stderr


# --- DOCX packages built to exhaust time or memory -----------------------------------------------------

def assert_checked(folder: Path, name: str, timeout: float = 60) -> None:
    """The document was read and checked to the end (the contract in it passes) within `timeout`."""
    run = clausecheck(name, "-f", "json", cwd=folder, timeout=timeout)
    assert run.code == 0 and run.documents[name]["error"] is None


def numbering(levels: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W_NAMESPACE}">'
            f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>'
            f'<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


@pytest.mark.parametrize("number_format", ["lowerRoman", "upperLetter", "decimal"])
def test_list_numbering_that_starts_at_a_trillion_is_read_quickly(tmp_path: Path, number_format: str) -> None:
    level = (f'<w:lvl w:ilvl="0"><w:start w:val="1000000000000"/><w:numFmt w:val="{number_format}"/>'
             '<w:lvlText w:val="%1."/></w:lvl>')
    items = "".join(paragraph(f"Clause {n} of the schedule.",
                              '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')
                    for n in range(300))
    write_docx(tmp_path / "numbered.docx", contract_paragraphs(contract()) + items, numbering=numbering(level))
    assert_checked(tmp_path, "numbered.docx")


def test_fifty_thousand_numbering_levels_are_read_quickly(tmp_path: Path) -> None:
    levels = "".join(f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                     f'<w:lvlText w:val="%{n + 1}."/></w:lvl>' for n in range(50_000))
    items = "".join(paragraph("An item.", f'<w:numPr><w:ilvl w:val="{n * 97 % 50_000}"/>'
                                          '<w:numId w:val="1"/></w:numPr>')
                    for n in range(2_000))
    write_docx(tmp_path / "levels.docx", contract_paragraphs(contract()) + items, numbering=numbering(levels))
    assert_checked(tmp_path, "levels.docx")


def test_a_style_chain_of_a_hundred_thousand_based_on_links_is_read_quickly(tmp_path: Path) -> None:
    styles = "".join(f'<w:style w:type="paragraph" w:styleId="s{n}"><w:name w:val="Style {n}"/>'
                     + (f'<w:basedOn w:val="s{n - 1}"/>' if n else "") + "</w:style>" for n in range(100_000))
    styles_xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                  f'<w:styles xmlns:w="{W_NAMESPACE}">{styles}</w:styles>')
    body = "".join(paragraph(text, '<w:pStyle w:val="s99999"/>') for text in contract().split("\n\n") if text.strip())
    write_docx(tmp_path / "styles.docx", body, styles=styles_xml)
    assert_checked(tmp_path, "styles.docx", timeout=90)


@pytest.mark.parametrize("encoding, bom", [("utf-32-le", b""), ("utf-32-be", b""), ("utf-32-le", b"\xff\xfe\x00\x00"),
                                           ("utf-16-be", b""), ("cp037", b"")])
def test_a_docx_part_declaring_entities_is_refused_in_any_encoding(tmp_path: Path, encoding: str, bom: bytes) -> None:
    name = {"utf-32-le": "UTF-32", "utf-32-be": "UTF-32", "utf-16-be": "UTF-16", "cp037": "IBM037"}[encoding]
    xml = (f'<?xml version="1.0" encoding="{name}"?><!DOCTYPE w:document [<!ENTITY lol "lol">]>'
           + document_xml(paragraph("&lol; " + CONNECTICUT)).split("?>", 1)[1])
    write_docx(tmp_path / "entities.docx", "", document=bom + xml.encode(encoding))
    run = clausecheck("entities.docx", "-f", "json", cwd=tmp_path, timeout=60)
    assert run.code == 2 and "DOCTYPE" in run.documents["entities.docx"]["error"]


def test_a_docx_part_in_an_encoding_nobody_can_check_is_refused(tmp_path: Path) -> None:
    xml = document_xml(paragraph(CONNECTICUT)).replace('encoding="UTF-8"', 'encoding="x-hostile-encoding"')
    write_docx(tmp_path / "odd.docx", "", document=xml.encode())
    run = clausecheck("odd.docx", "-f", "json", cwd=tmp_path, timeout=60)
    assert run.code == 2 and "encoding" in run.documents["odd.docx"]["error"]


def alternate(choice: str, fallback: str) -> str:
    return (f'<mc:AlternateContent xmlns:mc="{MC_NAMESPACE}"><mc:Choice Requires="w14">{choice}</mc:Choice>'
            f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>")


def run_xml(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


@pytest.mark.parametrize("clause", [
    alternate(paragraph(CONNECTICUT), paragraph(CALIFORNIA)),                          # around paragraphs
    f"<w:p>{alternate(run_xml(CONNECTICUT), run_xml(CALIFORNIA))}</w:p>",               # inside a paragraph
    f"<w:p>{alternate('<w:r><w:drawing/></w:r>', run_xml(CONNECTICUT))}</w:p>",          # a choice without text
])
def test_alternate_content_is_read_once_as_the_choice_or_else_the_fallback(tmp_path: Path, clause: str) -> None:
    body = contract_paragraphs(contract(missing=("connecticut-law",))) + clause
    write_docx(tmp_path / "alternate.docx", body)
    run = clausecheck("alternate.docx", "-f", "json", cwd=tmp_path, timeout=60)
    assert status(run, "alternate.docx", "connecticut-law") == "present"  # California would be a conflict


# --- Text built to make patterns backtrack or joins go quadratic ---------------------------------------

@pytest.mark.parametrize("line", ["[x](" * 100_000, "[" * 200_000, "**" + "a" * 200_000, "_a" * 100_000,
                                  "# a" + " " * 200_000 + "b", '[x](a "' * 40_000])
def test_markdown_built_to_backtrack_is_read_in_linear_time(tmp_path: Path, line: str) -> None:
    (tmp_path / "terms.md").write_text("# Terms of Service\n\n**Bold** words.\n\n" + line + "\n")
    run = clausecheck("terms.md", "-f", "json", cwd=tmp_path, timeout=60)
    assert run.code == 1 and run.documents["terms.md"]["error"] is None


def test_a_paragraph_of_two_hundred_thousand_lines_is_joined_in_linear_time(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text("Agreement\n\n" + "data kept\n" * 200_000)
    run = clausecheck("long.txt", "-f", "json", "--timeout", "0", cwd=tmp_path, timeout=120)
    assert run.code == 1 and run.documents["long.txt"]["error"] is None


# --- PDFs ---------------------------------------------------------------------------------------------

def test_a_pdf_whose_pages_are_all_alike_keeps_its_text(tmp_path: Path) -> None:
    page = ["Data Processing Terms", CONNECTICUT, "The Provider shall not sell Student Data.",
            "The parties sign below."]
    (tmp_path / "alike.pdf").write_bytes(pdf_bytes([page] * 6))
    run = clausecheck("alike.pdf", "-f", "json", cwd=tmp_path, timeout=60)
    assert status(run, "alike.pdf", "connecticut-law") == "present"


# --- Names that talk to the terminal -------------------------------------------------------------------

ESCAPING_NAME = "evil\x1b]0;owned\x07\x1b[31mred\u202e.txt"


@pytest.mark.parametrize("format", ["text", "markdown", "csv", "github", "junit"])
def test_terminal_escapes_in_a_file_name_are_shown_not_obeyed(tmp_path: Path, format: str) -> None:
    (tmp_path / ESCAPING_NAME).write_text(contract(missing=("severability",)))
    run = clausecheck(ESCAPING_NAME, "missing.pdf", "-f", format, cwd=tmp_path, timeout=60)
    for stream in (run.stdout, run.stderr):
        assert "\x1b" not in stream and "\x07" not in stream and "\u202e" not in stream
    # shown as visible escapes (Markdown escapes their backslashes and brackets once more)
    assert re.search(r"evil\\+x1b\\*\]0;owned\\+x07", run.stdout), run.stdout[:500]
