"""The terminal table of `clausecheck eval`: per provision confusion and F1, then the overall figures."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table

from clausecheck.evaluation import LABELS, Evaluation

_SHORT = {"present": "P", "conflict": "C", "missing": "M", "review": "R"}


def _f1(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def render(result: Evaluation, show_errors: bool = False, console: Console | None = None) -> None:
    console = console or Console(width=None if sys.stdout.isatty() else 160)
    table = Table(title=f"Accuracy on {result.documents} documents", show_lines=False)
    table.add_column("provision", no_wrap=True)
    table.add_column("acc", justify="right")
    for label in LABELS:
        table.add_column(f"F1 {label}", justify="right")
    table.add_column("macro-F1", justify="right")
    table.add_column("confusion (gold→predicted)", no_wrap=True)
    for provision, score in result.provisions.items():
        confusion = " ".join(f"{_SHORT[g]}→{_SHORT[p]}:{n}" for (g, p), n in sorted(score.confusion.items()))
        table.add_row(provision, f"{score.accuracy:.2f}", *(_f1(score.f1(label)) for label in LABELS),
                      f"{score.macro_f1:.2f}", confusion)
    console.print(table)
    console.print(f"accuracy {result.accuracy:.3f}   macro-F1 {result.macro_f1:.3f}   "
                  f"false-present rate {result.false_present_rate:.3f}   "
                  f"conflict recall {result.conflict_recall:.3f}   review share {result.review_share:.3f}   "
                  f"evidence agreement {result.evidence_agreement:.3f} ({len(result.evidence)} right verdicts "
                  f"with labelled evidence)")
    for name, error in result.unreadable.items():
        console.print(f"[red]unreadable[/red] {name}: {error}")
    if result.unlabelled:
        console.print(f"[yellow]not in the labels file:[/yellow] {', '.join(result.unlabelled)}")
    if show_errors:
        for document, provision, gold, predicted in result.disagreements:
            console.print(f"  {document}  {provision}: gold {gold}, predicted {predicted}", markup=False)
        if result.other_evidence:
            console.print("Right verdict, other evidence:")
        for document, provision, quote, labelled in result.other_evidence:
            console.print(f"  {document}  {provision}: quoted \u201c{quote[:160]}\u201d; labelled "
                          f"\u201c{labelled[:160]}\u201d", markup=False)
