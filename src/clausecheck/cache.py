"""Remember each document's result, keyed by its content, the rulebooks and the checker's own code.

A result is reused only when the file's bytes (SHA-256), every rulebook's text and the checker are the
same as when it was made, so a cached answer is always the answer a fresh check would give. The
checker's identity is its version plus the content of its source files and the versions of the
libraries that read documents, so an upgrade or a local edit never serves stale results, while a fresh
install of the same code (as in CI) still finds its results. Entries are JSON files written atomically
under the platform's user cache folder (`CLAUSECHECK_CACHE_DIR` overrides it), never through a symbolic
link. An entry that is not exactly what the checker writes (see cache_entry.py), is not a regular file,
or is too large is a miss: the file is checked again.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import replace
from pathlib import Path

from clausecheck.findings import DocumentReport

CACHE_FORMAT = 6
MAX_ENTRY_BYTES = 16 * 2**20
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

    def __init__(self, folder: Path, rulebook_hashes: list[str], identity: str | None = None,
                 provisions: tuple | None = None) -> None:
        self.root = folder
        self.folder = folder / f"v{CACHE_FORMAT}"
        self.provisions = provisions  # every rulebook's provisions in order, to validate entries against
        key = hashlib.sha256("\n".join([identity or checker_identity(), *rulebook_hashes]).encode())
        self.scope = key.hexdigest()
        self.hits = 0
        self.misses = 0
        self.write_failed: str | None = None

    def _entry(self, document_sha256: str) -> Path:
        key = hashlib.sha256(f"{self.scope}:{document_sha256}".encode()).hexdigest()
        return self.folder / key[:2] / f"{key}.json"

    def get(self, document_sha256: str, path: str) -> DocumentReport | None:
        """The cached report for this content, shown under `path`; None when there is none or the entry
        is not exactly what the checker writes."""
        from clausecheck.cache_entry import BadEntry, report_from_entry
        from clausecheck.regular_files import read_regular

        try:
            data = json.loads(read_regular(self._entry(document_sha256), MAX_ENTRY_BYTES, follow_links=False))
            if not isinstance(data, dict) or data.get("cache_format") != CACHE_FORMAT \
                    or data.get("scope") != self.scope:
                raise BadEntry("format or scope")
            report = report_from_entry(data.get("report"), document_sha256, self.provisions)
        except (OSError, ValueError, RecursionError, BadEntry):
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
        from clausecheck.output import replace_entry
        from clausecheck.report_data import report_to_dict

        entry = self._entry(report.sha256)
        data = {"cache_format": CACHE_FORMAT, "scope": self.scope, "report": {**report_to_dict(report), "path": None}}
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            replace_entry(entry, json.dumps(data, ensure_ascii=False), self.root)
        except (OSError, ClauseCheckError) as error:
            self.write_failed = f"{self.folder}: {getattr(error, 'strerror', None) or error}"
