"""Run each provision's examples through the engine: the rulebook's own test suite, like `semgrep --test`.

Every example is a sentence written in the rulebook with the verdict it must give (present, conflict
or missing). It is checked alone, as a one-paragraph document, against its own provision, with the
rest of the rulebook loaded (so fuzzy matching sees the same pattern words as in a real check).
"""

from __future__ import annotations

from dataclasses import dataclass

from clausecheck.document import DocumentBuilder
from clausecheck.rulebook.compose import origin_of
from clausecheck.rulebook.model import Example, Provision, Rulebook


@dataclass(frozen=True)
class ExampleResult:
    """One example of one provision, what it had to give and what it gave."""

    rulebook: str
    provision: str
    text: str
    expected: str
    got: str
    reason: str
    path: str
    line: int | None

    @property
    def passed(self) -> bool:
        return self.expected == self.got

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else self.path


def run_example(rulebook: Rulebook, provision: Provision, example: Example) -> ExampleResult:
    """Check one example sentence against its provision."""
    from clausecheck.engine import check_provision, prepare

    builder = DocumentBuilder()
    builder.add(example.text)
    document = builder.build(f"<example of {provision.id}>", "text")
    finding = check_provision(prepare(document, rulebook), provision)
    return ExampleResult(rulebook=rulebook.id, provision=provision.id, text=example.text, expected=example.expect,
                         got=finding.status, reason=finding.reason, path=origin_of(rulebook, provision.id),
                         line=example.line)


def run_examples(rulebook: Rulebook, provision_ids: set[str] | None = None) -> list[ExampleResult]:
    """Every example of every provision (or of the provisions named), in rulebook order."""
    return [run_example(rulebook, provision, example)
            for provision in rulebook.provisions if provision_ids is None or provision.id in provision_ids
            for example in provision.examples]


def untested(rulebook: Rulebook) -> list[Provision]:
    """Provisions that carry no example at all."""
    return [provision for provision in rulebook.provisions if not provision.examples]
