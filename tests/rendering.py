"""One contract in every format a business office receives: DOCX, PDF, plain text and Markdown, rendered
from the samples' markup (samples/build_samples.py), and checked with the real command line.

The DOCX is written by python-docx exactly as the bundled samples are; LibreOffice prints it to PDF and
saves it as plain text, as a user would with "Save as"; the Markdown is the same blocks in Markdown
syntax. Each LibreOffice conversion runs once for a whole set of files: it is the slow step.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from cli_in_process import clausecheck
from conftest import sample_builder

PDF = "pdf"
TEXT = "txt:Text (encoded):UTF8"  # LibreOffice's "Text (encoded)" filter, saved as UTF-8
FORMATS = ("docx", "pdf", "text", "markdown")  # as the JSON report names them


def render_contracts(sources: Mapping[str, str], folder: Path, formats: Iterable[str] = FORMATS,
                     headers: Mapping[str, str] | None = None) -> dict[str, dict[str, Path]]:
    """Each contract of `sources` ({name: markup}) in each of `formats`: {name: {format: path}}. The PDFs
    are printed, and the texts saved, from the .docx files by one LibreOffice run each."""
    formats = tuple(formats)
    rendered: dict[str, dict[str, Path]] = {}
    for name, markup in sources.items():
        rendered[name] = {"docx": write_docx(markup, folder / f"{name}.docx", (headers or {}).get(name))}
        if "markdown" in formats:
            rendered[name]["markdown"] = write_markdown(markup, folder / f"{name}.md")
    for kind, target in (("pdf", PDF), ("text", TEXT)):
        if kind in formats:
            (folder / kind).mkdir()
            converted = convert_with_libreoffice([paths["docx"] for paths in rendered.values()], folder / kind, target)
            for paths, path in zip(rendered.values(), converted):
                paths[kind] = path
    return {name: {kind: paths[kind] for kind in formats} for name, paths in rendered.items()}


def write_docx(source: str, path: Path, header: str | None = None) -> Path:
    """The sample markup `source` as a .docx at `path` (with a running header and page footer when
    `header` is given, as the bundled samples have)."""
    document = sample_builder.new_document()
    if header:
        sample_builder.set_running_header_and_footer(document, header)
    sample_builder.render(sample_builder.parse_source(source), document)
    sample_builder.save_docx(document, path, path.stem)
    return path


def write_markdown(source: str, path: Path) -> Path:
    """The sample markup `source` as Markdown: the same titles, numbered and lettered lists, bullets and
    tables, in the syntax a Markdown editor writes."""
    lines: list[str] = []
    previous, count = "", 0
    for block in sample_builder.parse_source(source):
        count = count + 1 if block.kind == previous else 1  # the item's number in its list
        if block.kind == "decimal":
            lines.append(f"{count}. {block.text}")
        elif block.kind == "letter":
            lines.append(f"({chr(ord('a') + count - 1)}) {block.text}")
        elif block.kind in ("title", "heading1", "heading2"):
            lines.append("#" * ("title", "heading1", "heading2").index(block.kind) + "# " + block.text)
        elif block.kind == "bullet":
            lines.append(f"- {block.text}")
        elif block.kind == "table":
            header, *rows = block.rows
            lines.append("| " + " | ".join(header) + " |")
            lines.append("|" + "---|" * len(header))
            lines += ["| " + " | ".join(row) + " |" for row in rows]
        else:
            lines.append(block.text)
        previous = block.kind
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def markup_of_plain_text(text: str) -> str:
    """Plain-text terms (a title line, headings in capitals, "- " bullets, wrapped paragraphs) as the
    samples' markup, so that they can be rendered in the other formats too."""
    chunks = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if all(line.startswith("- ") for line in lines):
            chunks += lines  # one block per bullet
        elif len(lines) == 1 and lines[0].isupper():
            chunks.append(("# " if not chunks else "## ") + lines[0])
        else:
            chunks.append(" ".join(lines))
    return "\n\n".join(chunks) + "\n"


def convert_with_libreoffice(paths: Iterable[Path], out_dir: Path, target: str) -> list[Path]:
    """Convert every file of `paths` with one LibreOffice run (`target`: PDF or TEXT); the outputs, in
    order. A private profile keeps parallel runs from colliding."""
    paths = list(paths)
    suffix = "." + target.split(":")[0]
    with tempfile.TemporaryDirectory(prefix="clausecheck-soffice-") as profile:
        completed = subprocess.run(
            [sample_builder.soffice_path(), f"-env:UserInstallation=file://{profile}", "--headless",
             "--norestore", "--convert-to", target, "--outdir", str(out_dir), *map(str, paths)],
            capture_output=True, text=True, timeout=sample_builder.SOFFICE_TIMEOUT_SECONDS, check=False)
    outputs = [out_dir / (path.stem + suffix) for path in paths]
    missing = [str(output) for output in outputs if not output.exists()]
    if completed.returncode != 0 or missing:
        raise RuntimeError(f"soffice did not write {missing}: {completed.stderr or completed.stdout}")
    return outputs


def check_with_cli(paths: Iterable[Path], *options: str) -> dict[str, dict]:
    """`clausecheck check PATHS --format json --no-cache OPTIONS`: each document's JSON report by file
    name. One worker and no time limit keep the check in this process."""
    result = clausecheck("check", *paths, "--format", "json", "--no-cache", "--jobs", "1", "--timeout", "0", *options)
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
    return {Path(document["path"]).name: document for document in result.json()["documents"]}


def check_texts(contracts: Mapping[str, str], folder: Path, *options: str) -> dict[str, dict]:
    """Each contract written as `<name>.txt` in `folder` and checked (check_with_cli): reports by name."""
    paths = []
    for name, text in contracts.items():
        paths.append(folder / f"{name}.txt")
        paths[-1].write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    return {name.removesuffix(".txt"): document for name, document in check_with_cli(paths, *options).items()}


def findings_of(document: dict) -> dict[str, dict]:
    """A document's findings by provision id; a document that could not be read fails the test here."""
    assert document["error"] is None, (document["path"], document["error"])
    return {finding["provision"]: finding for finding in document["findings"]}


def check_rendered(rendered: Mapping[str, Mapping[str, Path]], *options: str) -> dict[str, dict[str, dict]]:
    """Every rendering checked by one run of the command line: {name: {format: the document's report}}."""
    paths = [path for formats in rendered.values() for path in formats.values()]
    assert len({path.name for path in paths}) == len(paths), "the report names documents by file name"
    by_name = check_with_cli(paths, *options)
    return {name: {kind: by_name[path.name] for kind, path in formats.items()} for name, formats in rendered.items()}
