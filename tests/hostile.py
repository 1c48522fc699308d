"""Helpers for the hostile-input tests: run the real CLI in a child process with a time limit, and build
small real documents (DOCX packages written part by part, PDFs by hand) that carry one trap each."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NAMESPACE = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# Long enough for a slow shared machine; a hang is minutes, so it still fails the test, not CI.
DEFAULT_TIMEOUT = 90
SOURCE = Path(__file__).resolve().parents[1] / "src"


def checkout_environment(**variables: str) -> dict[str, str]:
    """The environment for a child `python -m clausecheck`: this checkout's src/ first on its path (an
    editable install of another checkout would otherwise answer), `variables` added, CI unset."""
    environment = {**os.environ, **variables,
                   "PYTHONPATH": os.pathsep.join(filter(None, [str(SOURCE), os.environ.get("PYTHONPATH")]))}
    environment.pop("CI", None)
    return environment


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    def json(self) -> dict:
        return json.loads(self.stdout)

    @property
    def documents(self) -> dict[str, dict]:
        return {document["path"]: document for document in self.json()["documents"]}


def clausecheck(*arguments: object, cwd: Path, timeout: float = DEFAULT_TIMEOUT, env: dict | None = None,
                stdout=None) -> Run:
    """Run `clausecheck ARGUMENTS` as a user would, in `cwd`; a run past `timeout` fails the test."""
    environment = checkout_environment(CLAUSECHECK_CACHE_DIR=str(cwd / ".cache-for-test"), COLUMNS="100",
                                       **(env or {}))
    result = subprocess.run([sys.executable, "-m", "clausecheck", *map(str, arguments)], cwd=cwd, env=environment,
                            stdin=subprocess.DEVNULL, stdout=stdout or subprocess.PIPE, stderr=subprocess.PIPE,
                            timeout=timeout)
    out = result.stdout.decode("utf-8", "replace") if result.stdout is not None else ""
    run = Run(result.returncode, out, result.stderr.decode("utf-8", "replace"))
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout, run.stderr
    return run


def one_line_error(run: Run) -> str:
    """The single error line a refused run prints on standard error."""
    lines = [line for line in run.stderr.splitlines() if line.startswith("clausecheck: error:")]
    assert run.code == 2 and len(lines) == 1, (run.code, run.stderr)
    return lines[0]


# --- DOCX packages written part by part --------------------------------------------------------------

WORDPROCESSINGML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
RELATIONSHIP_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{WORDPROCESSINGML}.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="{WORDPROCESSINGML}.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="{WORDPROCESSINGML}.numbering+xml"/>
</Types>"""
PACKAGE_RELATIONSHIPS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{RELATIONSHIP_TYPES}/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOCUMENT_RELATIONSHIPS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{RELATIONSHIP_TYPES}/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="{RELATIONSHIP_TYPES}/numbering" Target="numbering.xml"/>
</Relationships>"""
EMPTY_STYLES = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W_NAMESPACE}"/>'
EMPTY_NUMBERING = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W_NAMESPACE}"/>'


def paragraph(text: str, properties: str = "") -> str:
    p_pr = f"<w:pPr>{properties}</w:pPr>" if properties else ""
    return f'<w:p>{p_pr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def document_xml(body: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NAMESPACE}" '
            f'xmlns:mc="{MC_NAMESPACE}"><w:body>{body}</w:body></w:document>')


def write_docx(path: Path, body: str, *, styles: str = EMPTY_STYLES, numbering: str = EMPTY_NUMBERING,
               document: bytes | None = None) -> Path:
    """A .docx package with `body` as its document body (or `document` as the raw document part)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", PACKAGE_RELATIONSHIPS)
        package.writestr("word/_rels/document.xml.rels", DOCUMENT_RELATIONSHIPS)
        package.writestr("word/document.xml", document if document is not None else document_xml(body))
        package.writestr("word/styles.xml", styles)
        package.writestr("word/numbering.xml", numbering)
    return path


def contract_paragraphs(text: str) -> str:
    """Each paragraph of a plain-text contract as a DOCX paragraph."""
    return "".join(paragraph(part.replace("&", "&amp;").replace("<", "&lt;"))
                   for part in text.split("\n\n") if part.strip())
