"""The HTML report: one self-contained page to open, read and forward, for one contract or a batch.

Rendered from an autoescaped Jinja2 template (clausecheck/templates/report.html.j2), so text taken from
a contract is always shown as text. The stylesheet and script are inlined and allowed by their SHA-256
hashes in a Content-Security-Policy meta tag that forbids everything else: no request leaves the page,
and markup smuggled into it could not run. The page works without its script (sorting, filtering and
copy buttons are then hidden).
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from clausecheck import __version__
from clausecheck.report.html_view import KINDS, PASS_MEANING, VERDICTS, document_views
from clausecheck.verdict import CheckRun

if TYPE_CHECKING:
    import jinja2

TEMPLATE = "report.html.j2"
STYLESHEET = "report.css"
SCRIPT = "report.js"


def render(run: CheckRun) -> str:
    from markupsafe import Markup

    stylesheet, script = _asset(STYLESHEET), _asset(SCRIPT)
    documents = document_views(run)
    summary = run.summary
    return _environment().get_template(TEMPLATE).render(
        run=run, summary=summary, documents=documents, batch=len(documents) > 1,
        verdict=_run_verdict(run), kinds=KINDS, verdicts=VERDICTS, pass_meaning=PASS_MEANING, version=__version__,
        rulebooks=[f"{rulebook.id} {rulebook.version}".strip() for rulebook in run.rulebooks],
        content_security_policy=content_security_policy(stylesheet, script),
        stylesheet=Markup(stylesheet), script=Markup(script))


def content_security_policy(stylesheet: str, script: str) -> str:
    """Nothing may load; only this stylesheet and this script, by their hashes, may apply and run."""
    return (f"default-src 'none'; style-src '{_sha256(stylesheet)}'; script-src '{_sha256(script)}'; "
            "img-src 'none'; base-uri 'none'; form-action 'none'")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _run_verdict(run: CheckRun) -> tuple[str, str]:
    """The verdict over all documents: its kind (pass, fail, known or unreadable) and its heading."""
    from clausecheck.report.headlines import document_verdict, run_title

    summary = run.summary
    known = sum(1 for report in run.reports if document_verdict(report, run.fail_on).kind == "known")
    kind, words = run_title(summary.documents, summary.failing - summary.unreadable, known, summary.unreadable)
    return kind, words[:1].upper() + words[1:]


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(loader=jinja2.PackageLoader("clausecheck", "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    text = resources.files("clausecheck.templates").joinpath(name).read_text(encoding="utf-8")
    if "</" in text:  # would end the inline <style> or <script> element early
        raise ValueError(f"clausecheck/templates/{name} must not contain '</'")
    return text
