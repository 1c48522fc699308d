"""`clausecheck rules list|show|lint|test|schema`: the tools for writing and checking rulebooks.

    rules list               bundled and configured rulebooks, and their provisions
    rules show ID            one provision: text, citation, patterns, amendment, examples
    rules lint [FILE...]     schema errors at file:line, duplicate ids, useless patterns, missing parts
    rules test [FILE...]     run every provision's examples, pass/fail per provision (like semgrep --test)
    rules schema             the JSON Schema of the rulebook format, for editors

lint and test take the bundled rulebooks when no FILE is given. Exit codes: 0 clean; 1 a lint problem
or a failing example; 2 a usage or rulebook error.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from clausecheck.rulebook.model import Provision, Rulebook

rules_app = typer.Typer(name="rules", help="Write and check rulebooks: list, show, lint, test, schema.",
                        no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]})

RULES_OPTION = typer.Option("--rules", "-r", help="A rulebook YAML file to include (repeat for several).")
CONFIG_OPTION = typer.Option("--config", help="Settings file whose rulebooks to include. Default: found by "
                                              "walking up from the working directory.")


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def _rulebooks(extra: list[Path] | None, config: Path | None) -> list:
    """The bundled rulebooks, the configured ones and those given with --rules, each once."""
    from clausecheck.config import load_config
    from clausecheck.rulebook.loader import bundled_rulebooks, load_rulebook

    settings = load_config(config)
    paths: list[Path] = [*bundled_rulebooks(), *settings.rules, *(extra or [])]
    seen: set[Path] = set()
    rulebooks = []
    for path in paths:
        key = Path(path).resolve()
        if key not in seen:
            seen.add(key)
            rulebooks.append(load_rulebook(path))
    return rulebooks


def list_command(
    rules: Annotated[list[Path] | None, RULES_OPTION] = None,
    config: Annotated[Path | None, CONFIG_OPTION] = None,
    brief: Annotated[bool, typer.Option("--brief", "-b", help="Only the rulebooks, not their provisions.")] = False,
) -> None:
    """List the bundled and configured rulebooks and their provisions."""
    from rich.table import Table

    console = _console()
    for rulebook in _rulebooks(rules, config):
        console.print(f"[bold]{rulebook.id}[/bold] {rulebook.version}  {rulebook.title}")
        console.print(f"  {rulebook.path}  ({len(rulebook.provisions)} provisions)", style="dim")
        if rulebook.extra.get("extends"):
            console.print(f"  extends {', '.join(rulebook.extra['extends'])}", style="dim")
        if brief:
            continue
        table = Table(box=None, show_header=True, header_style="dim", pad_edge=False, padding=(0, 2, 0, 2))
        for column in ("provision", "check", "severity", "required", "title"):
            table.add_column(column, overflow="fold" if column == "title" else None)
        for provision in rulebook.provisions:
            table.add_row(provision.id, provision.check, provision.severity, "yes" if provision.required else "no",
                          provision.title)
        console.print(table)
        console.print()


def show_command(
    provision_id: Annotated[str, typer.Argument(help="A provision id, or RULEBOOK:PROVISION when several "
                                                     "rulebooks have it.", show_default=False)],
    rules: Annotated[list[Path] | None, RULES_OPTION] = None,
    config: Annotated[Path | None, CONFIG_OPTION] = None,
) -> None:
    """Show one provision: its text, citation, patterns, amendment and examples."""
    from clausecheck.errors import UsageError

    rulebook_id, _, wanted = provision_id.rpartition(":")
    found = [(rulebook, provision) for rulebook in _rulebooks(rules, config)
             if not rulebook_id or rulebook.id == rulebook_id
             for provision in rulebook.provisions if provision.id == wanted]
    if not found:
        raise UsageError(f"no provision '{provision_id}' in the bundled or configured rulebooks; "
                         f"`clausecheck rules list` shows them")
    if len(found) > 1:
        names = ", ".join(f"{rulebook.id}:{wanted}" for rulebook, _ in found)
        raise UsageError(f"'{wanted}' is in several rulebooks; name one: {names}")
    _print_provision(_console(), *found[0])


def _print_provision(console: Console, rulebook: Rulebook, provision: Provision) -> None:
    from rich.markup import escape

    from clausecheck.rulebook.compose import origin_of

    where = f"{origin_of(rulebook, provision.id)}:{provision.line}" if provision.line else rulebook.path
    console.print(f"[bold]{escape(provision.id)}[/bold]  {escape(provision.title)}")
    console.print(f"rulebook {rulebook.id} {rulebook.version}, {where}", style="dim")
    facts = [f"check: {provision.check}", f"severity: {provision.severity}",
             f"required: {'yes' if provision.required else 'no'}"]
    if provision.max_hours is not None:
        facts.append(f"max_hours: {provision.max_hours:g}")
    if provision.jurisdiction:
        facts.append(f"jurisdiction: {provision.jurisdiction}")
    console.print("  ".join(facts))
    if provision.citation:
        console.print(f"[bold]Citation[/bold]  {escape(provision.citation)}")
    if provision.description:
        console.print(f"\n{escape(provision.description)}")
    for key, meaning in (("satisfy", "wording that meets it"), ("contradict", "wording that conflicts with it"),
                         ("topic", "clauses on its subject"), ("review", "wording a person should read")):
        specs = getattr(provision, key)
        if not specs:
            continue
        console.print(f"\n[bold]{key}[/bold] [dim]({meaning})[/dim]")
        for spec in specs:
            conditions = []
            if spec.negated is not None:
                conditions.append("only negated" if spec.negated else "only not negated")
            if spec.actor != "vendor":
                conditions.append(f"actor: {spec.actor}")
            if spec.unless:
                conditions.append("unless " + " | ".join(exception.source for exception in spec.unless))
            suffix = f"  [dim]({escape('; '.join(conditions))})[/dim]" if conditions else ""
            console.print(f"  {escape(spec.source)}{suffix}")
    if provision.amendment:
        console.print("\n[bold]Amendment[/bold]")
        console.print(escape(provision.amendment))
    if provision.examples:
        console.print("\n[bold]Examples[/bold]")
        for example in provision.examples:
            console.print(f"  [dim]{example.expect:<8}[/dim] {escape(example.text)}")


def _files_or_bundled(files: list[Path] | None) -> list[Path]:
    from clausecheck.rulebook.loader import bundled_rulebooks

    return list(files) if files else bundled_rulebooks()


def lint_command(
    files: Annotated[list[Path] | None, typer.Argument(help="Rulebook YAML files. Default: the bundled "
                                                            "rulebooks.", show_default=False)] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the run too.")] = False,
) -> None:
    """Lint rulebooks: schema errors with file:line, duplicate ids, patterns that never match or match
    everything, missing amendment text or examples. Exit 1 on an error (or a warning with --strict)."""
    from clausecheck.rulebook.lint import ERROR, lint_file

    console = _console()
    problems = [problem for path in _files_or_bundled(files) for problem in lint_file(path)]
    for problem in problems:
        colour = "red" if problem.severity == ERROR else "yellow"
        where = f"{problem.path}:{problem.line}" if problem.line is not None else problem.path
        console.print(f"{where}: [{colour}]{problem.severity}[/{colour}]: {_escape(problem.message)} "
                      f"[dim]\\[{problem.code}][/dim]")
    errors = sum(problem.severity == ERROR for problem in problems)
    warnings = len(problems) - errors
    checked = len(_files_or_bundled(files))
    if not problems:
        console.print(f"[green]clean[/green]: {checked} rulebook{'s' if checked != 1 else ''}, no problems")
    else:
        console.print(f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}")
    raise typer.Exit(1 if errors or (strict and warnings) else 0)


def test_command(
    files: Annotated[list[Path] | None, typer.Argument(help="Rulebook YAML files. Default: the bundled "
                                                            "rulebooks.", show_default=False)] = None,
    provision: Annotated[list[str] | None, typer.Option("--provision", "-p",
                                                        help="Only this provision (repeat for several).")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every example, not only failures.")] = False,
) -> None:
    """Run every provision's present / conflict / missing examples; report pass or fail per provision."""
    from clausecheck.rulebook.examples import run_examples, untested
    from clausecheck.rulebook.loader import load_rulebook

    console = _console()
    failed_total = passed_total = 0
    for path in _files_or_bundled(files):
        rulebook = load_rulebook(path)
        wanted = set(provision) if provision else None
        results = run_examples(rulebook, wanted)
        console.print(f"[bold]{rulebook.id}[/bold] [dim]{rulebook.path}[/dim]")
        for item in rulebook.provisions:
            if wanted is not None and item.id not in wanted:
                continue
            own = [result for result in results if result.provision == item.id]
            failures = [result for result in own if not result.passed]
            if not own:
                console.print(f"  [yellow]-[/yellow] {item.id}  [dim]no examples[/dim]")
                continue
            mark = "[red]✗[/red]" if failures else "[green]✓[/green]"
            console.print(f"  {mark} {item.id}  {len(own) - len(failures)}/{len(own)}")
            for result in own if verbose else failures:
                status = "ok  " if result.passed else "FAIL"
                console.print(f"      {status} {result.location}: expected {result.expected}, got {result.got}: "
                              f"{_escape(_shorten(result.text))}")
                if not result.passed:
                    console.print(f"           [dim]{_escape(result.reason)}[/dim]")
        failed_total += sum(not result.passed for result in results)
        passed_total += sum(result.passed for result in results)
        missing = [item.id for item in untested(rulebook) if wanted is None or item.id in wanted]
        if missing:
            console.print(f"  [dim]{len(missing)} provision(s) without examples: {', '.join(missing)}[/dim]")
    colour = "red" if failed_total else "green"
    console.print(f"[{colour}]{passed_total} passed, {failed_total} failed[/{colour}]")
    raise typer.Exit(1 if failed_total else 0)


def schema_command(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the schema to this file.")] = None,
) -> None:
    """Print the JSON Schema of the rulebook format (for editors: yaml-language-server, VS Code ...)."""
    from clausecheck.config import find_config
    from clausecheck.output import Identities, write_atomic, write_standard_output
    from clausecheck.rulebook.schema import schema_text

    if output and str(output) != "-":
        write_atomic(output, schema_text(), Identities([find_config()]))
    else:
        write_standard_output(schema_text())


def _shorten(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


rules_app.command("list")(list_command)
rules_app.command("show")(show_command)
rules_app.command("lint")(lint_command)
rules_app.command("test")(test_command)
rules_app.command("schema")(schema_command)


def register(app: typer.Typer) -> None:
    app.add_typer(rules_app, name="rules")
