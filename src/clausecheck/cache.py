"""Remember each document's result, keyed by its content, the rulebooks and the checker's own code.

A result is reused only when the file's bytes (SHA-256), every rulebook's text and the checker are the
same as when it was made, so a cached answer is always the answer a fresh check would give. The
checker's identity is its version plus the content of its source files and the versions of the
libraries that read documents, so an upgrade or a local edit never serves stale results, while a fresh
install of the same code (as in CI) still finds its results. Entries are JSON files written atomically under the platform's user cache folder
(`CLAUSECHECK_CACHE_DIR` overrides it); an unreadable or damaged entry is simply checked again.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, replace
from pathlib import Path

from clausecheck.findings import DocumentReport, Evidence, Finding

CACHE_FORMAT = 2
READER_LIBRARIES = ("pdfplumber", "pdfminer.six", "pypdfium2", "python-docx", "rapidfuzz")


def cache_folder() -> Path:
    override = os.environ.get("CLAUSECHECK_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("clausecheck", appauthor=False))


def checker_identity() -> str:
    """What makes two runs of the checker give the same answers: its code and its reading libraries."""
    from importlib import metadata

    import clausecheck

    digest = hashlib.sha256(f"clausecheck {clausecheck.__version__} cache {CACHE_FORMAT}".encode())
    package = Path(clausecheck.__file__).resolve().parent
    for source in sorted(package.rglob("*.py")):
        digest.update(f"{source.relative_to(package)}\n".encode())
        digest.update(source.read_bytes())
    for library in READER_LIBRARIES:
        try:
            digest.update(f"{library} {metadata.version(library)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} absent\n".encode())
    return digest.hexdigest()


class ResultCache:
    """Document reports by content hash, for one set of rulebooks and one checker."""

    def __init__(self, folder: Path, rulebook_hashes: list[str], identity: str | None = None) -> None:
        self.folder = folder / f"v{CACHE_FORMAT}"
        key = hashlib.sha256("\n".join([identity or checker_identity(), *rulebook_hashes]).encode())
        self.scope = key.hexdigest()
        self.hits = 0
        self.misses = 0
        self.write_failed: str | None = None

    def _entry(self, document_sha256: str) -> Path:
        key = hashlib.sha256(f"{self.scope}:{document_sha256}".encode()).hexdigest()
        return self.folder / key[:2] / f"{key}.json"

    def get(self, document_sha256: str, path: str) -> DocumentReport | None:
        """The cached report for this content, shown under `path`; None when there is none."""
        try:
            data = json.loads(self._entry(document_sha256).read_text(encoding="utf-8"))
            report = report_from_dict(data["report"])
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        if report.sha256 != document_sha256:
            self.misses += 1
            return None
        self.hits += 1
        return replace(report, path=path)

    def put(self, report: DocumentReport) -> None:
        """Store a report of a file that was checked to the end (never a timeout); errors are kept quiet
        after the first, which `write_failed` records for a warning."""
        if not report.sha256 or self.write_failed:
            return
        from clausecheck.errors import ClauseCheckError
        from clausecheck.output import write_atomic

        entry = self._entry(report.sha256)
        data = {"cache_format": CACHE_FORMAT, "report": {**asdict(report), "path": None}}
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(entry, json.dumps(data, ensure_ascii=False))
        except (OSError, ClauseCheckError) as error:
            self.write_failed = f"{self.folder}: {getattr(error, 'strerror', None) or error}"


def report_from_dict(data: dict) -> DocumentReport:
    """The inverse of `dataclasses.asdict` for a DocumentReport."""
    findings = tuple(
        Finding(**{**finding, "required_by": tuple(finding.get("required_by", ())),
                   "evidence": tuple(Evidence(**{**item, "highlights": tuple(tuple(span) for span in
                                                                              item.get("highlights", ()))})
                                     for item in finding["evidence"])})
        for finding in data["findings"])
    return DocumentReport(**{**data, "findings": findings, "warnings": tuple(data["warnings"]),
                             "ocr_pages": tuple(data.get("ocr_pages", ()))})
