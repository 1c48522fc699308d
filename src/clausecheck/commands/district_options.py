"""The command-line options that name the district and its Board of Education, shared by the commands
that write letters and notices (they override the settings' district profile)."""

from __future__ import annotations

from typing import Annotated

import typer

DistrictOption = Annotated[str | None, typer.Option("--district", help="The district's name.")]
BoardOption = Annotated[str | None, typer.Option(
    "--board", help="The Board of Education, the party to the contract, without 'the' (default: the settings' "
    "district.board, else '<district> Board of Education').")]
DistrictAddressOption = Annotated[list[str] | None, typer.Option(
    "--district-address", help="Address lines (repeat, or separate with ';').")]
