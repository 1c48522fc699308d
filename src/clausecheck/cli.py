"""The command line: arguments in, calls to the library, exit code out; user errors become one line."""

from __future__ import annotations

import sys

import typer

from clausecheck import __version__
from clausecheck.commands.check import check

app = typer.Typer(
    name="clausecheck",
    help="Check education-technology vendor contracts against the provisions Connecticut student-data-privacy "
         "law (Conn. Gen. Stat. 10-234aa..dd) and the board policy require.\n\n"
         "`clausecheck CONTRACT...` is short for `clausecheck check CONTRACT...`.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: typer's rich help formatter costs ~90 ms of imports per call
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.command("check")(check)


def _version(value: bool) -> None:
    if value:
        print(f"clausecheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """clausecheck: contract clause checker."""


def _register_optional_commands() -> None:
    """Commands that live in their own modules (added as they are built)."""
    import importlib

    for module_name, attribute in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"clausecheck.commands.{module_name}")
        except ModuleNotFoundError as error:
            if error.name == f"clausecheck.commands.{module_name}":
                continue
            raise
        getattr(module, attribute)(app)


COMMAND_MODULES = [("evaluate", "register"), ("letter", "register"), ("notice", "register"),
                   ("rules", "register")]


def _with_default_command(argv: list[str]) -> list[str]:
    """`clausecheck contract.pdf` means `clausecheck check contract.pdf`."""
    commands = {command.name for command in app.registered_commands} | \
               {group.name for group in app.registered_groups}
    if not argv:
        return argv
    first = argv[0]
    if first in commands or first in ("-h", "--help", "--version"):
        return argv
    return ["check", *argv]


def main(argv: list[str] | None = None) -> None:
    _register_optional_commands()
    arguments = _with_default_command(list(sys.argv[1:] if argv is None else argv))
    from clausecheck.errors import ClauseCheckError

    try:
        app(args=arguments, prog_name="clausecheck", standalone_mode=True)
    except ClauseCheckError as error:
        print(f"clausecheck: error: {error}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("clausecheck: interrupted", file=sys.stderr)
        sys.exit(130)
