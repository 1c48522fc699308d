"""Mutated PDFs and DOCX packages, in the classes the fuzzing that found issue 11 used: flipped bytes,
truncation, inserted and repeated runs, damaged ZIP members and XML. Checked in one batch through the
real CLI: every file gets its row, none gives a traceback or outlives --timeout, and the run exits 1 or 2."""

from __future__ import annotations

import io
import random
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from conftest import pdf_bytes
from hostile import clausecheck, contract_paragraphs, write_docx
from test_batch import contract

PER_CLASS = 6
SEED = 20261202


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 40)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(1, len(data))]


def _insert_zeros(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + b"\x00" * rng.randint(1, 4096) + data[at:]


def _repeat_chunk(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    chunk = data[start:start + rng.randint(1, 2048)]
    return data[:start] + chunk * rng.randint(2, 50) + data[start:]


def _mangle_numbers(data: bytes, rng: random.Random) -> bytes:
    """Object numbers, lengths and offsets replaced by huge or negative ones (PDF structure)."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 10)):
        at = rng.randrange(len(out))
        while at < len(out) and not chr(out[at]).isdigit():
            at += 1
        out[at:at + 1] = rng.choice([b"999999999999", b"-1", b"0", b"2147483648"])
    return bytes(out)


def _damage_member(data: bytes, rng: random.Random) -> bytes:
    """A ZIP whose document part is mutated XML (cut, flipped, nested ten thousand deep) or missing."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        choice = rng.randrange(4)
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml":
                if choice == 0:
                    content = content[:rng.randrange(len(content))]
                elif choice == 1:
                    content = _flip(content, rng)
                elif choice == 2:
                    content = content.replace(b"<w:body>", b"<w:body>" + b"<w:sdt><w:sdtContent>" * 10_000, 1)
                else:
                    continue
            target.writestr(info.filename, content)
    return buffer.getvalue()


PDF_MUTATIONS = (_flip, _truncate, _insert_zeros, _repeat_chunk, _mangle_numbers)
DOCX_MUTATIONS = (_flip, _truncate, _insert_zeros, _repeat_chunk, _damage_member)


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz")
    text = contract()
    lines = [line[start:start + 90] for line in text.splitlines() if line for start in range(0, len(line), 90)]
    pdf = pdf_bytes([lines[start:start + 40] for start in range(0, len(lines), 40)])
    docx = write_docx(folder / "original.docx", contract_paragraphs(text)).read_bytes()
    (folder / "original.docx").unlink()
    rng = random.Random(SEED)
    (folder / "cases").mkdir()
    for original, suffix, mutations in ((pdf, ".pdf", PDF_MUTATIONS), (docx, ".docx", DOCX_MUTATIONS)):
        for mutation in mutations:
            for number in range(PER_CLASS):
                path = folder / "cases" / f"{mutation.__name__.strip('_')}-{number}{suffix}"
                path.write_bytes(mutation(original, rng))
    return folder


def test_every_mutated_document_gets_a_row_without_traceback_or_hang(fuzzed: Path) -> None:
    cases = sorted(path.name for path in (fuzzed / "cases").iterdir())
    run = clausecheck("cases", "-f", "json", "--jobs", "2", "--timeout", "30", "--no-cache", cwd=fuzzed, timeout=600)
    assert run.code in (1, 2)
    documents = {Path(path).name: document for path, document in run.documents.items()}
    assert sorted(documents) == cases
    outcomes = Counter("error" if document["error"] else "read" for document in documents.values())
    for document in documents.values():
        if document["error"]:
            assert "\n" not in document["error"] and "Traceback" not in document["error"]
            assert "took longer than" not in document["error"], document
    assert outcomes["read"] and outcomes["error"]  # the classes reach both outcomes
