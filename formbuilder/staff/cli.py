"""`flask staff create|disable|reset`: accounts are made by IT staff on the server, not on the web."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from .accounts import AccountError, allow_my_number, create, disable, reset
from .models import ROLES

staff = AppGroup("staff", help="Create, disable and reset staff accounts.")


@staff.command("create")
@click.argument("login")
@click.option("--name", "display_name", default="", help="The name shown to colleagues.")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--department", "departments", multiple=True, help="A department whose forms the account sees (repeat).")
def create_command(login: str, display_name: str, role: str, departments: tuple[str, ...]) -> None:
    """Create an account; prints a temporary password to hand over in person."""
    try:
        issued = create(login, display_name, role, list(departments))
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    _hand_over(issued.account.login, issued.password)


@staff.command("disable")
@click.argument("login")
def disable_command(login: str) -> None:
    """Disable an account; its open sessions end at once."""
    try:
        disable(login)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{login}: disabled, sessions ended")


@staff.command("reset")
@click.argument("login")
@click.option("--enable", is_flag=True, help="Also enable the account if it was disabled.")
def reset_command(login: str, enable: bool) -> None:
    """New temporary password and a new two-factor enrolment; unlocks the account.

    A disabled account stays disabled unless --enable is given.
    """
    try:
        issued = reset(login, enable=enable)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    _hand_over(issued.account.login, issued.password)
    if not issued.account.active:
        click.echo(f"{login}: the account is disabled and stays so; reset it with --enable to let it sign in.")


@staff.command("my-number")
@click.argument("login")
@click.option("--allow/--deny", required=True, help="Whether the account may read My Number unmasked.")
def my_number_command(login: str, allow: bool) -> None:
    """Allow or deny reading My Number (個人番号) in full; each reading is audited."""
    try:
        allow_my_number(login, allow)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{login}: My Number {'may be read in full' if allow else 'masked'}")


def _hand_over(login: str, password: str) -> None:
    click.echo(f"{login}: temporary password {password}")
    click.echo("At first sign-in the owner sets a password and enrols an authenticator app (TOTP).")


def init_app(app: Flask) -> None:
    app.cli.add_command(staff)
