"""The words of a letter or notice, kept in a template file a district can change without touching code.

A template is a YAML mapping from a part of the document (`subject`, `opening`, `closing` ...) to a
Jinja2 text; blank lines inside a text separate paragraphs. Layout (letterhead, numbering, fonts) is
the writers' job, so one template serves the DOCX, Markdown, plain-text and HTML output alike. A
district's template only needs the parts it changes: the rest come from the bundled default
(`clausecheck/templates/<kind>.yaml`). Texts are rendered in Jinja2's sandbox with undefined names
treated as errors, and every error names the template file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from clausecheck.errors import UsageError
from clausecheck.letters.deadlines import long_date, long_datetime, short_date

if TYPE_CHECKING:
    from collections.abc import Callable

    from clausecheck.letters.sandbox import BoundedEnvironment

KINDS = ("amendment-letter", "parent-notice", "breach-notice")


@dataclass(frozen=True)
class Text:
    """One template text and where it was written."""

    source: str
    path: str
    line: int


class Wording:
    """The texts of one kind of document, ready to render with a context."""

    def __init__(self, kind: str, texts: dict[str, Text]) -> None:
        self.kind = kind
        self.texts = texts
        self._compiled: dict[str, Any] = {}
        self._environment = _environment()

    def render(self, key: str, context: dict[str, Any]) -> str:
        """The text of `key` for this context, with runs of spaces and blank lines tidied; within the
        sandbox's limits (letters/sandbox.py), each reported at the template's file and line."""
        import jinja2

        from clausecheck.letters.sandbox import TemplateLimit, render_bounded

        text = self.texts[key]
        template = self._compiled.get(key)
        if template is None:
            try:
                template = self._environment.from_string(_keep_line_ends(text.source))
            except jinja2.TemplateSyntaxError as error:
                raise _template_error(text, error) from None
            except RecursionError:
                raise UsageError(f"{text.path}:{text.line}: '{key}' is nested too deeply") from None
            self._compiled[key] = template
        try:
            rendered = render_bounded(self._environment, template, context)
        except TemplateLimit as error:
            raise UsageError(f"{text.path}:{text.line}: '{key}' stopped: {error}") from None
        except RecursionError:
            raise UsageError(f"{text.path}:{text.line}: '{key}' stopped: a macro or loop calls itself without "
                             "end") from None
        except jinja2.UndefinedError as error:
            raise UsageError(f"{text.path}:{text.line}: '{key}' uses a name the {self.kind} does not provide "
                             f"({error.message}); see docs/letters.md for the names available") from None
        except jinja2.TemplateError as error:
            raise _template_error(text, error) from None
        except Exception as error:  # the template is the district's code: any error is theirs
            raise UsageError(f"{text.path}:{text.line}: '{key}' cannot be rendered "
                             f"({error.__class__.__name__}: {error})") from None
        return _tidy(rendered)

    def paragraphs(self, key: str, context: dict[str, Any]) -> list[str]:
        """The text of `key` split at blank lines, each paragraph joined onto one line."""
        return [" ".join(part.split()) for part in re.split(r"\n\s*\n", self.render(key, context)) if part.strip()]

    def line(self, key: str, context: dict[str, Any]) -> str:
        return " ".join(self.render(key, context).split())


def load_wording(kind: str, path: str | Path | None = None) -> Wording:
    """The bundled template of `kind`, with the parts of the district's template at `path` replacing it."""
    if kind not in KINDS:
        raise ValueError(kind)
    bundled = resources.files("clausecheck.templates").joinpath(f"{kind}.yaml")
    texts = _read_texts(bundled.read_text(encoding="utf-8"), f"clausecheck/templates/{kind}.yaml")
    if path is not None:
        from clausecheck.errors import read_user_file
        from clausecheck.user_files import did_you_mean

        path = Path(path)
        source = read_user_file(path, "template")
        own = _read_texts(source, str(path))
        unknown = sorted(set(own) - set(texts))
        if unknown:
            line = own[unknown[0]].line
            raise UsageError(f"{path}:{line}: '{unknown[0]}'{did_you_mean(unknown[0], texts)} is not a part of "
                             f"the {kind} template (parts: {', '.join(texts)})")
        texts.update(own)
    return Wording(kind, texts)


def _read_texts(source: str, where: str) -> dict[str, Text]:
    """The top-level `key: text` pairs of a template file, each with its line number."""
    import yaml

    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise UsageError(f"{where}{line}: not valid YAML ({getattr(error, 'problem', error)})") from None
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise UsageError(f"{where}:1: a template is a mapping of part names to texts")
    texts: dict[str, Text] = {}
    for key_node, value_node in root.value:
        key = key_node.value
        if not isinstance(value_node, yaml.ScalarNode):
            raise UsageError(f"{where}:{value_node.start_mark.line + 1}: '{key}' must be a text")
        # A block text (| or >) starts on the line after its indicator.
        first_line = value_node.start_mark.line + 1 + (1 if value_node.style in ("|", ">") else 0)
        texts[str(key)] = Text(source=str(value_node.value), path=where, line=first_line)
    return texts


def _environment() -> BoundedEnvironment:
    from jinja2 import StrictUndefined

    from clausecheck.letters.sandbox import BoundedEnvironment

    environment = BoundedEnvironment(undefined=StrictUndefined, autoescape=False, trim_blocks=True,
                                       lstrip_blocks=True, keep_trailing_newline=False)
    environment.filters.update({name: environment._bounded_filter(function) for name, function in dict(
        long_date=_date_filter(long_date), date=_date_filter(short_date), datetime=_date_filter(long_datetime),
        when=_date_filter(_when), join_words=join_words).items()})
    return environment


_Day = TypeVar("_Day", bound=date)  # a date, or a datetime


def _date_filter(function: Callable[[_Day], str]) -> Callable[[_Day | None], str]:
    """A template filter: `function` of a date, and "" for no date."""

    def apply(value: _Day | None) -> str:
        return "" if value is None else function(value)

    return apply


def _when(value: date | datetime) -> str:
    return long_datetime(value) if isinstance(value, datetime) else long_date(value)


def join_words(items: object, last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    words = [str(item) for item in (items or [])]
    if len(words) <= 2:
        return f" {last} ".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def _template_error(text: Text, error: Exception) -> UsageError:
    line = text.line + max(getattr(error, "lineno", 1) or 1, 1) - 1
    message = getattr(error, "message", None) or str(error)
    return UsageError(f"{text.path}:{line}: template error: {message}")


_TAG_ONLY = re.compile(r"^\s*\{%.*?%\}\s*$")


def _keep_line_ends(source: str) -> str:
    """A line holding only a {% tag %} vanishes (Jinja's trim_blocks); a tag that ends a line of words
    must not glue that line to the next, so such a line gets a trailing space."""
    return "\n".join(line + " " if line.rstrip().endswith("%}") and not _TAG_ONLY.match(line) else line
                     for line in source.split("\n"))


def _tidy(text: str) -> str:
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    # "... with Brightpath Learning, Inc.." -> one period (an ellipsis stays as it is)
    return re.sub(r"(?<![.])\.\.(?=\s|$)", ".", text)
