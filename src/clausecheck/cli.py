"""The command line: arguments in, calls to the library, exit code out; user errors become one line."""

from __future__ import annotations

import functools
import os
import re
import sys

import click
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

# A word that could be a command name: a typo of one is an error, not a contract to look for.
_COMMAND_LIKE = re.compile(r"[a-z][a-z-]*")


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
    """`clausecheck contract.pdf` means `clausecheck check contract.pdf`; `clausecheck chek ...` is an
    unknown command (UsageError), not a contract named "chek"."""
    import difflib

    from clausecheck.errors import UsageError

    commands = {command.name for command in app.registered_commands} | \
               {group.name for group in app.registered_groups}
    if not argv:
        return argv
    first = argv[0]
    if first in commands or first in ("-h", "--help", "--version"):
        return argv
    if _COMMAND_LIKE.fullmatch(first) and not os.path.lexists(first):
        close = difflib.get_close_matches(first, sorted(commands), n=1, cutoff=0.6)
        if close:
            raise UsageError(f"unknown command '{first}' (did you mean '{close[0]}'?); `clausecheck --help` "
                             "lists the commands")
    return ["check", *argv]


def _say(message: str) -> None:
    from clausecheck.report.printable import printable_line

    try:
        print(f"clausecheck: {printable_line(message)}", file=sys.stderr, flush=True)
    except OSError:
        pass


@functools.cache
def _command() -> click.Command:
    """The click command typer builds from `app`: built once (~40 ms) and reused by every later call of
    `main` in the same process."""
    return typer.main.get_command(app)


def main(argv: list[str] | None = None) -> None:
    """Run the command line and exit with its code. Click runs in non-standalone mode so that Ctrl-C,
    a stop signal and a closed standard output are reported here, each as one line."""
    from clausecheck.errors import ClauseCheckError
    from clausecheck.output import OUTPUTS, standard_output_error
    from clausecheck.stopping import Stopped, stop_on_signals

    stop_on_signals()
    try:
        arguments = _with_default_command(list(sys.argv[1:] if argv is None else argv))
        code = _command().main(args=arguments, prog_name="clausecheck", standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except click.ClickException as error:  # a usage error click found: its message, exit 2
        error.show()
        sys.exit(error.exit_code)
    except ClauseCheckError as error:
        _say(f"error: {error}")
        sys.exit(2)
    except (KeyboardInterrupt, click.exceptions.Abort):
        _say(f"interrupted; {OUTPUTS.account()}")
        sys.exit(130)
    except Stopped as stop:
        _say(f"{stop.words}; {OUTPUTS.account()}")
        sys.exit(stop.exit_code)
    except BrokenPipeError as error:  # a report piped into a reader that quit (`| head`)
        _say(f"error: {standard_output_error(error)}")
        sys.exit(2)
