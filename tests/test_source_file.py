"""A contract file is read once: the format, the Document, the report's SHA-256 and the cache all come
from the same bytes, and a file too large to hold is refused before it is read."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from clausecheck.batch import check_files
from clausecheck.errors import InputError
from clausecheck.readers import read_document, read_source
from clausecheck.readers.source_file import MAX_DOCUMENT_BYTES
from clausecheck.readers.text import MAX_TEXT_BYTES
from clausecheck.runner import check_file
from conftest import REPO

SAMPLES = [REPO / "samples" / name for name in
           ("vendor-agreement.pdf", "ct-data-privacy-agreement.docx", "vendor-terms.txt")]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.suffix)
def test_the_report_hash_is_that_of_the_bytes_the_document_was_read_from(sample: Path, rulebook) -> None:
    source = read_source(sample)
    report = check_file(sample, [rulebook])
    assert source.sha256 == report.sha256 == sha256_of(sample)
    assert source.data == sample.read_bytes()


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.suffix)
def test_a_file_already_read_is_checked_from_its_bytes_without_opening_it_again(
        sample: Path, rulebook, tmp_path: Path) -> None:
    copy = tmp_path / sample.name
    shutil.copyfile(sample, copy)
    source = read_source(copy)
    copy.unlink()  # whatever opened the file now would fail

    report = check_file(copy, [rulebook], source=source)

    assert report.error is None and report.sha256 == sha256_of(sample)
    assert report.findings == check_file(sample, [rulebook]).findings


def test_a_row_carries_the_hash_of_the_bytes_read_even_when_they_are_no_contract(rulebook, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7 garbage")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"

    rows = check_files([str(damaged), str(empty), str(missing)], [rulebook], jobs=1, timeout=0)

    assert [row.sha256 for row in rows] == [sha256_of(damaged), sha256_of(empty), None]
    assert all(row.error for row in rows)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(rulebook, tmp_path: Path) -> None:
    huge = tmp_path / "huge.pdf"
    with open(huge, "wb") as handle:  # sparse: nothing is written, and reading it would take a while
        handle.truncate(MAX_DOCUMENT_BYTES + 1)
    with pytest.raises(InputError, match=f"is larger than {MAX_DOCUMENT_BYTES // 2**20} MB, far larger than a "
                                         "contract; check that it is the right file"):
        read_document(huge)
    [row] = check_files([str(huge)], [rulebook], jobs=1, timeout=0)
    assert row.error and row.sha256 is None


def test_a_text_file_over_its_limit_is_refused_with_the_hash_of_its_bytes(rulebook, tmp_path: Path) -> None:
    long = tmp_path / "long.txt"
    long.write_bytes(b"The Provider shall protect student data. " * (MAX_TEXT_BYTES // 40))
    assert os.path.getsize(long) > MAX_TEXT_BYTES
    [row] = check_files([str(long)], [rulebook], jobs=1, timeout=0)
    assert row.error.startswith(f"is a text file over {MAX_TEXT_BYTES // 2**20} MB")
    assert row.sha256 == sha256_of(long)
