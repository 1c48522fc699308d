"""The command line: arguments in, calls to the library, exit code out; user errors become one line."""

from __future__ import annotations

import sys

import typer

from clausecheck import __version__
from clausecheck.commands import evaluate, letter, notice, redline, rules
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


# Each command module keeps its heavy imports inside the command function, so registering is cheap.
for _module in (evaluate, letter, notice, redline, rules):
    _module.register(app)


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
