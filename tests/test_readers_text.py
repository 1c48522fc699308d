"""Plain-text and Markdown reading: encodings, paragraphs, headings, lists, scraped terms."""

from __future__ import annotations

import re

import pytest

from clausecheck.errors import InputError
from clausecheck.readers import detect_format, read_document

TERMS = """\
TERMS OF SERVICE

1. Governing Law

These terms are governed by the laws of the State of Connecticut and
the parties submit to its courts. A provision held invalid does not
affect the others.

2. Data Security
We protect student data with encryption
and access controls.

- We do not sell student data.
- We do not show targeted ads.
"""


def write(tmp_path, content: bytes, name: str = "terms.txt"):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_paragraphs_split_on_blank_lines_and_wrapped_lines_are_joined(tmp_path):
    document = read_document(write(tmp_path, TERMS.encode()))
    assert [(block.kind, block.text) for block in document.blocks] == [
        ("heading", "TERMS OF SERVICE"),
        ("heading", "1. Governing Law"),
        ("paragraph", ("These terms are governed by the laws of the State of Connecticut and the "
                      "parties submit to its courts. A provision held invalid does not affect the others.")),
        ("heading", "2. Data Security"),
        ("paragraph", "We protect student data with encryption and access controls."),
        ("list_item", "We do not sell student data."),
        ("list_item", "We do not show targeted ads."),
    ]
    assert document.format == "text" and document.pages is None


def test_headings_give_the_section_path(tmp_path):
    document = read_document(write(tmp_path, TERMS.encode()))
    ads = document.blocks[-1]
    assert ads.section == ("2. Data Security",)
    assert document.block_at(document.text.index("targeted ads")) == ads


@pytest.mark.parametrize(("encoded", "name"), [
    (("\ufeff" + TERMS).encode("utf-8"), "utf-8 with BOM"),
    (TERMS.encode("utf-16"), "utf-16 with BOM"),
    (b"\xfe\xff" + TERMS.encode("utf-16-be"), "utf-16 big-endian with BOM"),
])
def test_unicode_encodings_with_a_byte_order_mark_are_decoded(tmp_path, encoded, name):
    document = read_document(write(tmp_path, encoded))
    assert document.blocks[0].text == "TERMS OF SERVICE", name


def test_windows_1252_text_is_decoded(tmp_path):
    text = "The district\u2019s data \u2014 \u201cStudent Data\u201d \u2014 stays in Connecticut."
    document = read_document(write(tmp_path, text.encode("cp1252")))
    assert document.text == text


def test_latin_1_bytes_outside_windows_1252_are_decoded(tmp_path):
    text = b"Caf\xe9 terms apply to both parties \x81 and to their successors and assigns."
    document = read_document(write(tmp_path, text))
    assert document.text == "Caf\u00e9 terms apply to both parties \x81 and to their successors and assigns."


def test_binary_content_is_not_taken_for_text(tmp_path):
    with pytest.raises(InputError, match="unrecognised binary content"):
        read_document(write(tmp_path, bytes(range(1, 32)) * 200, "data.txt"))


def test_markdown_is_detected_and_its_markup_removed(tmp_path):
    source = ("# Data Privacy Addendum\n\n## 3. Security\n\nWe **encrypt** data; see "
              "[our policy](https://example.com/policy).\n\n| Data | Use |\n|---|---|\n| Name | Roster |\n")
    path = write(tmp_path, source.encode(), "addendum.md")

    document = read_document(path)

    assert detect_format(path) == "markdown" and document.format == "markdown"
    assert [(block.kind, block.text, block.section) for block in document.blocks] == [
        ("heading", "Data Privacy Addendum", ("Data Privacy Addendum",)),
        ("heading", "3. Security", ("Data Privacy Addendum", "3. Security")),
        ("paragraph", "We encrypt data; see our policy.", ("Data Privacy Addendum", "3. Security")),
        ("table_header", "Data | Use", ("Data Privacy Addendum", "3. Security")),
        ("table_cell", "Name | Roster", ("Data Privacy Addendum", "3. Security")),
    ]


def test_dash_bullets_alone_do_not_make_text_markdown(tmp_path):
    path = write(tmp_path, b"Our promises:\n\n- We do not sell data.\n- We delete data on request.\n")
    assert detect_format(path) == "text"


def test_one_sentence_per_line_text_keeps_its_runs_and_invents_no_headings(tmp_path):
    scraped = ("Agreeing to our Terms\n\n"
               "Thank you for using the Service.\n"
               "We have written these terms in plain language.\n"
               "Please Read Them Carefully Before You Use It\n"
               "Last updated: November 2, 2018.\n")
    document = read_document(write(tmp_path, scraped.encode()))
    assert [(block.kind, block.text) for block in document.blocks] == [
        ("heading", "Agreeing to our Terms"),
        ("paragraph", ("Thank you for using the Service. We have written these terms in plain language. "
                      "Please Read Them Carefully Before You Use It Last updated: November 2, 2018.")),
    ]


def test_a_word_hyphenated_across_a_hard_wrap_is_rejoined(tmp_path):
    document = read_document(write(tmp_path, b"We keep the regis-\ntration data and pre-paid\nfees.\n"))
    assert document.text == "We keep the registration data and pre-paid fees."


def test_text_of_only_blank_space_is_refused(tmp_path):
    with pytest.raises(InputError, match="contains only blank space"):
        read_document(write(tmp_path, b" \n\t\n  \n"))


def test_every_corpus_text_is_read_without_inventing_sentence_headings(shared_dir):
    texts = sorted((shared_dir / "corpus" / "texts").glob("*.txt"))
    assert len(texts) >= 30
    for path in texts:
        document = read_document(path)
        assert document.format in ("text", "markdown") and len(document.blocks) >= 10, path.name
        for block in document.blocks:
            if block.kind == "heading":  # a sentence ends with a period; a numbered heading may too
                numbered = re.match(r"(\d+(\.\d+)*|[A-Z]|[IVX]+)\.? ", block.text)
                assert numbered or block.text.isupper() or not block.text.endswith((".", ",", ";")), (
                    path.name, block)
                title = block.text[numbered.end():] if numbered else block.text
                assert len(title.split()) <= 12, (path.name, block)  # the words after its number
